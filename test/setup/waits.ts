// Waits in tests wait for their condition, not for a wall-clock budget a loaded machine misses:
// Testing Library's waitFor/findBy* get the same bound as expect.poll (vitest.config.mts), a
// guard against a condition that never comes, not a speed check.
import { configure } from '@testing-library/dom'

const WAIT_TIMEOUT_MS = 30_000

configure({ asyncUtilTimeout: WAIT_TIMEOUT_MS })
