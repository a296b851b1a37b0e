// Types for electronegativity.mjs (npm run security runs it with plain node).
export interface Finding {
  issue: string
  severity: string
  confidence: string
  filename: string
  location: string
  sample: string
  description: string
}
export interface AcceptedFinding {
  id: string
  file: string
  reason: string
}
export const ACCEPTED: AcceptedFinding[]
export function readReport(text: string): Finding[]
export function judgeFindings(
  findings: readonly Finding[],
  accepted?: readonly AcceptedFinding[],
  root?: string
): { failures: Finding[]; accepted: (Finding & { reason: string })[]; other: Finding[] }
export function scan(input: string, electronVersion: string): Finding[]
