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
 * How far a verification has got: the number of data rows checked so far, and the hash the next row must
 * carry as its previous hash (the anchor before any row is checked). A long trail is checked a chunk at a
 * time, each chunk continuing from the cursor of the one before.
 */
export interface ChainCursor {
  rows: number;
  hash: string;
}

export function startCursor(anchorHash: string): ChainCursor {
  return { rows: 0, hash: anchorHash };
}

export type ChunkVerdict = { intact: true; cursor: ChainCursor } | Extract<ChainVerdict, { intact: false }>;

export interface ChunkOptions {
  /** The hash of the last row the writer remembers appending; checked only in the final chunk. */
  lastHash?: string;
  /** True when `rows` runs to the end of the trail. */
  final: boolean;
  /** The row just after the chunk, when there is one: it tells an inserted row from an edited one. */
  next?: string[];
}

/**
 * Checks rows as read back from the sheet (cells, previous hash, hash), continuing from `cursor`.
 * `lastHash`, in the final chunk, catches rows cut off the end, which the chain alone cannot show.
 *
 * At the first row k that breaks (its hash does not cover its content, or its previous hash is not the hash
 * of row k-1):
 * - inserted: the row after it continues from row k-1, or it is a copy of an earlier row of the chunk, or
 *   it follows the last row the writer appended;
 * - edited: otherwise, when its own hash does not match its content;
 * - removed: its content matches its hash but it does not follow row k-1, so rows before it were deleted
 *   (or row k-1 was rewritten together with its hash).
 */
export function verifyChainChunk(
  rows: string[][],
  cursor: ChainCursor,
  hasher: Hasher,
  options: ChunkOptions,
): ChunkVerdict {
  const read = rows.map(readRow);
  const next = options.next ? readRow(options.next) : null;
  const { lastHash, final } = options;
  for (let k = 0; k < read.length; k++) {
    const row = read[k];
    const expectedPrev = k === 0 ? cursor.hash : read[k - 1].hash;
    const selfConsistent = row.cells.length > 0 && rowHash(row.prev, row.cells, hasher) === row.hash;
    if (selfConsistent && row.prev === expectedPrev) continue;

    const n = cursor.rows + k + 1;
    const after = k + 1 < read.length ? read[k + 1] : next;
    const nextContinues = after !== null && after.prev === expectedPrev;
    const copiesEarlier = read.slice(0, k).some((earlier) => earlier.hash === row.hash);
    const afterLastWrite =
      final && k === read.length - 1 && lastHash !== undefined && expectedPrev === lastHash;
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
  const end: ChainCursor = {
    rows: cursor.rows + read.length,
    hash: read.length ? read[read.length - 1].hash : cursor.hash,
  };
  // The last written hash is the last row's, or (after a crash between the sheet write and the property
  // write) an earlier row's of this chunk.
  if (
    final &&
    lastHash !== undefined &&
    lastHash !== cursor.hash &&
    !read.some((row) => row.hash === lastHash)
  ) {
    const n = end.rows + 1;
    return {
      intact: false,
      row: n,
      problem: 'removed',
      message: `Rows after row ${end.rows} were removed: the last written hash ${short(lastHash)} is missing`,
    };
  }
  return { intact: true, cursor: end };
}

/** Checks a whole trail at once (see verifyChainChunk); `anchorHash` is GENESIS_HASH or the prune re-anchor. */
export function verifyChain(
  rows: string[][],
  anchorHash: string,
  hasher: Hasher,
  lastHash?: string,
): ChainVerdict {
  const verdict = verifyChainChunk(rows, startCursor(anchorHash), hasher, { lastHash, final: true });
  return verdict.intact ? { intact: true, rows: verdict.cursor.rows } : verdict;
}
