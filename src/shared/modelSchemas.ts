// A model id and a user's correction of a model as requests and settings carry them (the catalog,
// without zod, is models.ts).
import { z } from 'zod'

/** A model id as requests carry it. */
export const modelIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.\-:/]+$/, 'a model id has letters, digits and . - _ : / only')

/** A user's correction of one model (ModelCorrection in models.ts): only what differs is stored. */
export const modelCorrectionSchema = z
  .object({ image: z.boolean(), video: z.boolean(), thinking: z.boolean() })
  .partial()
  .strict()
