// Builds long audit trails straight into the spreadsheet fake's state (a real add-on would take days of
// writes to make them): rows chained with the add-on's own hash chain, the writer's last hash remembered.
import { createHash } from 'node:crypto';
import { chainRows, GENESIS_HASH } from '../../src/core/audit-chain';
import type { Hasher } from '../../src/core/ports';
import { ANCHOR_KEY, LAST_HASH_KEY } from '../../src/services/sheet-audit-log';
import type { SheetState } from '../../tools/workbench/fakes/spreadsheet';
import type { World } from '../../tools/workbench/world';

export const nodeHasher: Hasher = {
  sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
};

/** The 11 logical cells of an audit row (src/core/audit.ts AUDIT_COLUMNS), `at` epoch ms. */
export function seedCells(count: number, at: (i: number) => number): string[][] {
  return Array.from({ length: count }, (_, i) => {
    const time = new Date(at(i)).toISOString();
    return [
      time,
      time,
      `seed-${i + 1}`,
      'draft_created',
      'seed@northwind.example',
      'draft',
      `r-seed-${i + 1}`,
      'success',
      `Seeded row ${i + 1}`,
      '{}',
      'seed-run',
    ];
  });
}

export function auditSheetOf(world: World): SheetState {
  for (const file of world.spreadsheets.files.values()) {
    const sheet = file.sheets.find((s) => s.name === 'Audit');
    if (sheet) return sheet;
  }
  throw new Error('no audit sheet');
}

/**
 * Puts `older` rows before the rows already on the Audit tab and re-chains the whole tab from the genesis
 * hash, as if the trail had always held them.
 */
export function seedAuditTrail(world: World, older: string[][]): void {
  const sheet = auditSheetOf(world);
  const [header, ...existing] = sheet.cells;
  const current = existing
    .filter((row) => row && row.some((c) => c && c.value !== ''))
    .map((row) => (row || []).slice(0, 11).map((c) => (c ? String(c.value) : '')));
  const { rows, lastHash } = chainRows([...older, ...current], GENESIS_HASH, nodeHasher);
  sheet.cells = [header, ...rows.map((row) => row.map((value) => ({ value })))];
  sheet.maxRows = Math.max(sheet.maxRows, sheet.cells.length + 100);
  const script = world.properties.script;
  script.set(LAST_HASH_KEY, lastHash);
  script.delete(ANCHOR_KEY);
}
