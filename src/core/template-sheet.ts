// Templates as rows of the audit spreadsheet's "Templates" tab, where a team edits them: one template a
// row under the header. Reading them back checks every row, so a broken template is named, never used.
import type { Template } from './templates';
import { validateTemplate } from './templates';

export const TEMPLATE_HEADER = ['Id', 'Name', 'Subject', 'Body'] as const;

export function templateRows(templates: Template[]): string[][] {
  return [TEMPLATE_HEADER.slice(), ...templates.map((t) => [t.id, t.name, t.subject, t.body])];
}

export type TemplateRead = { ok: true; templates: Template[] } | { ok: false; problems: string[] };

/** Rows as read from the tab (header first); empty rows are skipped. */
export function templatesFromRows(rows: string[][]): TemplateRead {
  const problems: string[] = [];
  const templates: Template[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((row, i) => {
    const cells = row.map((cell) => String(cell ?? ''));
    if (!cells.some((cell) => cell.trim())) return;
    const template: Template = {
      id: cells[0].trim(),
      name: cells[1].trim(),
      subject: cells[2].trim(),
      body: cells[3].replace(/\r\n/g, '\n'),
    };
    const where = `Row ${i + 2} (${template.id || 'no id'})`;
    for (const problem of validateTemplate(template)) problems.push(`${where}: ${problem}`);
    if (seen.has(template.id)) problems.push(`${where}: the id is used twice`);
    seen.add(template.id);
    templates.push(template);
  });
  if (!templates.length && !problems.length)
    problems.push('The Templates tab has no template below its header');
  return problems.length ? { ok: false, problems } : { ok: true, templates };
}
