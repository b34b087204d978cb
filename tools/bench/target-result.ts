// One bench target's verdict, as the report prints it.
export interface TargetResult {
  target: string;
  actual: string;
  pass: boolean;
  /** For a failure: what the figure is made of. */
  excess: string[];
}
