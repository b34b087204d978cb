// Logger fake (https://developers.google.com/apps-script/reference/base/logger): published samples log with
// it, and Apps Script defines it in every execution, so a script that calls it must not stop on a
// ReferenceError. Local work, no round trips. Each execution gets a fresh Logger: getLog() holds this
// execution's lines, as the reference says ("the complete list of messages in the current log").
import { formatString } from './utilities';

/** How one logged value reads: text as itself, other values as JSON (Google does not publish the format). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export class FakeLogger implements GoogleAppsScript.Base.Logger {
  private readonly lines: string[] = [];

  /** Every line this execution logged; the world may pass them on (Apps Script sends them to Cloud Logging). */
  constructor(private readonly sink: (line: string) => void = () => undefined) {}

  /**
   * log(data), or log(format, ...values): "The string can include multiple %s placeholders, which are
   * replaced with corresponding values from the list of arguments, converted to strings."
   */
  log(format: unknown, ...values: unknown[]): FakeLogger {
    const line = values.length > 0 ? formatString(String(format), ...values.map(text)) : text(format);
    this.lines.push(line);
    this.sink(line);
    return this;
  }

  getLog(): string {
    return this.lines.join('\n');
  }

  clear(): void {
    this.lines.length = 0;
  }
}
