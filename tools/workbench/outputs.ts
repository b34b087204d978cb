// What a run writes to its output folder: result.json (the Outcome), every draft as an .eml file, and the
// Audit tab as CSV. Written whether or not a step failed, so a failing run can still be read.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Outcome } from './outcome';

export function writeOutputs(outcome: Outcome, out: string): void {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'drafts'), { recursive: true });
  writeFileSync(join(out, 'result.json'), JSON.stringify(outcome, null, 2));
  outcome.drafts.forEach((draft, i) => {
    writeFileSync(join(out, 'drafts', `${String(i + 1).padStart(2, '0')}-${draft.draftId}.eml`), eml(draft));
  });
  const csv = [outcome.audit.header, ...outcome.audit.rows]
    .map((row) => row.map(csvCell).join(','))
    .join('\n');
  writeFileSync(join(out, 'audit.csv'), `${csv}\n`);
}

/** RFC 5322 message with a text and an HTML part, as Gmail would export the draft. */
function eml(draft: Outcome['drafts'][number]): string {
  const boundary = `prospector-${draft.draftId}`;
  return [
    `From: ${draft.from}`,
    `To: ${draft.to}`,
    `Subject: ${draft.subject}`,
    `Date: ${new Date(draft.createdAt).toUTCString()}`,
    'X-Prospector-Status: draft (never sent by Prospector)',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    draft.textBody,
    `--${boundary}`,
    'Content-Type: text/html; charset=UTF-8',
    '',
    draft.htmlBody,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** CSV for a spreadsheet app: quoted, and a leading = + - @ kept as text with an apostrophe. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
