// A hash chain over audit rows: each row's hash covers its cells and the previous row's hash, so editing,
// inserting or deleting a row breaks the chain where it happened. Hashing is injected (Utilities in Apps
// Script, node:crypto in tests); this file only decides what is hashed and how a break reads.
import type { Hasher } from './ports';

export const GENESIS_HASH = '0'.repeat(64);

function rowHash(prevHash: string, cells: string[], hasher: Hasher): string {
  return hasher.sha256Hex(JSON.stringify([prevHash, ...cells]));
}

/** Appends each row's previous hash and own hash to its cells. */
export function chainRows(
  cells: string[][],
  prevHash: string,
  hasher: Hasher,
): { rows: string[][]; lastHash: string } {
  let previous = prevHash;
  const rows = cells.map((row) => {
    const hash = rowHash(previous, row, hasher);
    const chained = [...row, previous, hash];
    previous = hash;
    return chained;
  });
  return { rows, lastHash: previous };
}

export type ChainVerdict =
  | { intact: true; rows: number }
  | {
      intact: false;
      /** 1-based data row index (the header row not counted). */
      row: number;
      problem: 'edited' | 'inserted' | 'removed';
      message: string;
    };

interface ReadRow {
  cells: string[];
  prev: string;
  hash: string;
}

function readRow(row: string[]): ReadRow {
  const cells = row.map((value) => String(value ?? ''));
  return {
    cells: cells.slice(0, -2),
    prev: cells[cells.length - 2] ?? '',
    hash: cells[cells.length - 1] ?? '',
  };
}

function short(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash || '(empty)';
}

/**
 * Checks rows as read back from the sheet (cells, previous hash, hash). `anchorHash` is the previous hash the
 * first row must carry: GENESIS_HASH, or the re-anchor recorded when old rows were pruned. `lastHash`, when
 * given, is the hash of the last row the writer remembers appending: it catches rows cut off the end, which
 * the chain alone cannot show.
 *
 * At the first row k that breaks (its hash does not cover its content, or its previous hash is not the hash
 * of row k-1):
 * - inserted: the row after it continues from row k-1, or it is a copy of an earlier row, or it follows the
 *   last row the writer appended;
 * - edited: otherwise, when its own hash does not match its content;
 * - removed: its content matches its hash but it does not follow row k-1, so rows before it were deleted
 *   (or row k-1 was rewritten together with its hash).
 */
export function verifyChain(
  rows: string[][],
  anchorHash: string,
  hasher: Hasher,
  lastHash?: string,
): ChainVerdict {
  const read = rows.map(readRow);
  for (let k = 0; k < read.length; k++) {
    const row = read[k];
    const expectedPrev = k === 0 ? anchorHash : read[k - 1].hash;
    const selfConsistent = row.cells.length > 0 && rowHash(row.prev, row.cells, hasher) === row.hash;
    if (selfConsistent && row.prev === expectedPrev) continue;

    const n = k + 1;
    const nextContinues = k + 1 < read.length && read[k + 1].prev === expectedPrev;
    const copiesEarlier = read.slice(0, k).some((earlier) => earlier.hash === row.hash);
    const afterLastWrite = k === read.length - 1 && lastHash !== undefined && expectedPrev === lastHash;
    if (nextContinues || copiesEarlier || afterLastWrite) {
      return {
        intact: false,
        row: n,
        problem: 'inserted',
        message: `Row ${n} was inserted: it is not part of the chain`,
      };
    }
    if (!selfConsistent) {
      return {
        intact: false,
        row: n,
        problem: 'edited',
        message: `Row ${n} was edited: its content no longer matches its hash ${short(row.hash)}`,
      };
    }
    return {
      intact: false,
      row: n,
      problem: 'removed',
      message: `Rows before row ${n} were removed: it follows hash ${short(row.prev)}, expected ${short(expectedPrev)}`,
    };
  }
  if (lastHash !== undefined && lastHash !== anchorHash && !read.some((row) => row.hash === lastHash)) {
    const n = read.length + 1;
    return {
      intact: false,
      row: n,
      problem: 'removed',
      message: `Rows after row ${read.length} were removed: the last written hash ${short(lastHash)} is missing`,
    };
  }
  return { intact: true, rows: read.length };
}
