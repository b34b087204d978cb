// Creates the audit spreadsheet a reviewer opens: an "Audit" tab (frozen header, filter, widths, protected
// so only the script's owner edits it), a "Templates" tab and a "Dashboard" tab.
import { AUDIT_COLUMNS, sheetSafe } from '../core/audit';
import { TEMPLATE_HEADER, templateRows } from '../core/template-sheet';
import { DEFAULT_TEMPLATES } from '../core/templates';
import { AUDIT_TAB } from './sheet-audit-log';

export const TEMPLATES_TAB = 'Templates';
export const DASHBOARD_TAB = 'Dashboard';
const WIDTHS = [180, 170, 250, 140, 200, 100, 220, 80, 420, 320, 250, 140, 140];

/**
 * A new audit spreadsheet, in the creating admin's zone: the spreadsheet's zone is the team's zone for the
 * Audit tab's "Local time" column (SheetAuditLog reads it at every write; an admin changes it in
 * File > Settings).
 */
export function createAuditSpreadsheet(ownerEmail: string, timeZone: string): { id: string; url: string } {
  const spreadsheet = SpreadsheetApp.create('Prospector audit trail');
  spreadsheet.setSpreadsheetTimeZone(timeZone);
  const audit = spreadsheet.getSheets()[0];
  audit.setName(AUDIT_TAB);
  prepareAuditTab(audit, ownerEmail);
  prepareTemplatesTab(spreadsheet.insertSheet(TEMPLATES_TAB));
  spreadsheet.insertSheet(DASHBOARD_TAB);
  return { id: spreadsheet.getId(), url: spreadsheet.getUrl() };
}

/** Attaching an existing spreadsheet by URL: it gets the same Audit tab if it has none. */
export function attachAuditSpreadsheet(url: string, ownerEmail: string): { id: string; url: string } {
  const spreadsheet = SpreadsheetApp.openByUrl(url);
  if (!spreadsheet.getSheetByName(AUDIT_TAB)) prepareAuditTab(spreadsheet.insertSheet(AUDIT_TAB), ownerEmail);
  if (!spreadsheet.getSheetByName(TEMPLATES_TAB)) prepareTemplatesTab(spreadsheet.insertSheet(TEMPLATES_TAB));
  if (!spreadsheet.getSheetByName(DASHBOARD_TAB)) spreadsheet.insertSheet(DASHBOARD_TAB);
  return { id: spreadsheet.getId(), url: spreadsheet.getUrl() };
}

/** The default templates, ready to edit; Settings > Load templates from the sheet puts edits to use. */
function prepareTemplatesTab(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
  const rows = templateRows(DEFAULT_TEMPLATES);
  sheet.getRange(1, 1, rows.length, rows[0].length).setValues(rows.map((row) => row.map(sheetSafe)));
  sheet.setFrozenRows(1);
  [180, 220, 280, 600].forEach((width, i) => sheet.setColumnWidth(i + 1, width));
}

/** The Templates tab's rows as text (one read). */
export function readTemplateRows(spreadsheetId: string): string[][] | null {
  const sheet = SpreadsheetApp.openById(spreadsheetId).getSheetByName(TEMPLATES_TAB);
  if (!sheet || sheet.getLastRow() < 1) return null;
  return sheet
    .getRange(1, 1, sheet.getLastRow(), TEMPLATE_HEADER.length)
    .getValues()
    .map((row) => row.map((cell) => String(cell)));
}

function prepareAuditTab(sheet: GoogleAppsScript.Spreadsheet.Sheet, ownerEmail: string): void {
  const header = sheet.getRange(1, 1, 1, AUDIT_COLUMNS.length);
  header.setValues([AUDIT_COLUMNS.slice()]);
  header.setFontWeight('bold');
  sheet.setFrozenRows(1);
  WIDTHS.forEach((width, i) => sheet.setColumnWidth(i + 1, width));
  sheet.getRange(1, 1, sheet.getMaxRows(), AUDIT_COLUMNS.length).createFilter();
  const protection = sheet.protect().setDescription('Prospector audit trail: written by the add-on only');
  protection.removeEditors(
    protection.getEditors().filter((u) => u.getEmail().toLowerCase() !== ownerEmail.toLowerCase()),
  );
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}
