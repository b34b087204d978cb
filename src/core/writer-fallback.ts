// Why a draft kept the template's words instead of the model's: a failed request, or an answer the guard
// (writer-guard.ts) refused. Recorded in the draft's audit row.
export type FallbackReason =
  | 'timeout'
  | 'quota'
  | 'http_error'
  | 'blocked'
  | 'truncated'
  | 'malformed'
  | 'empty'
  | 'oversized'
  | 'header_lines'
  | 'credential'
  | 'foreign_link'
  | 'foreign_address'
  | 'times_dropped'
  | 'times_retyped'
  | 'off_language'
  | 'refusal'
  | 'markup'
  | 'time_budget';
