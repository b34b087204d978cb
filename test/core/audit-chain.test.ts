import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  chainRows,
  GENESIS_HASH,
  startCursor,
  verifyChain,
  verifyChainChunk,
} from '../../src/core/audit-chain';
import type { ChainCursor, ChainVerdict } from '../../src/core/audit-chain';
import type { Hasher } from '../../src/core/ports';

const hasher: Hasher = { sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex') };

function cells(n: number, tag = 'r'): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `2026-03-0${(i % 9) + 1}T00:00:00.000Z`,
    `${tag}${i + 1}`,
    `summary ${i + 1}`,
  ]);
}

function chain(n: number): { rows: string[][]; lastHash: string } {
  return chainRows(cells(n), GENESIS_HASH, hasher);
}

function broken(verdict: ChainVerdict): { row: number; problem: string } {
  if (verdict.intact) throw new Error('chain reported intact');
  return { row: verdict.row, problem: verdict.problem };
}

function edit(rows: string[][], index: number): string[][] {
  return rows.map((row, i) => (i === index ? [row[0], row[1], 'changed summary', ...row.slice(3)] : row));
}

function insertAt(rows: string[][], index: number, row: string[]): string[][] {
  return [...rows.slice(0, index), row, ...rows.slice(index)];
}

function removeAt(rows: string[][], index: number): string[][] {
  return rows.filter((_, i) => i !== index);
}

const forged = ['2026-03-05T00:00:00.000Z', 'forged', 'never happened', 'f'.repeat(64), 'e'.repeat(64)];

describe('chainRows', () => {
  it("appends the previous hash and the row's own hash", () => {
    const { rows, lastHash } = chain(3);
    expect(rows[0].slice(0, 3)).toEqual(cells(3)[0]);
    expect(rows[0][3]).toBe(GENESIS_HASH);
    expect(rows[0][4]).toBe(hasher.sha256Hex(JSON.stringify([GENESIS_HASH, ...cells(3)[0]])));
    expect(rows[1][3]).toBe(rows[0][4]);
    expect(rows[2][3]).toBe(rows[1][4]);
    expect(lastHash).toBe(rows[2][4]);
  });

  it('continues from a given hash, so batches chain together', () => {
    const all = chainRows(cells(4), GENESIS_HASH, hasher);
    const first = chainRows(cells(4).slice(0, 2), GENESIS_HASH, hasher);
    const second = chainRows(cells(4).slice(2), first.lastHash, hasher);
    expect([...first.rows, ...second.rows]).toEqual(all.rows);
  });

  it('returns the previous hash for an empty batch', () => {
    expect(chainRows([], 'abc', hasher)).toEqual({ rows: [], lastHash: 'abc' });
  });

  it('hashes cells as a JSON array, so moving text between cells changes the hash', () => {
    const a = chainRows([['ab', 'c']], GENESIS_HASH, hasher).lastHash;
    const b = chainRows([['a', 'bc']], GENESIS_HASH, hasher).lastHash;
    expect(a).not.toBe(b);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain, an empty one and one continued from a re-anchor', () => {
    const { rows, lastHash } = chain(5);
    expect(verifyChain(rows, GENESIS_HASH, hasher)).toEqual({ intact: true, rows: 5 });
    expect(verifyChain(rows, GENESIS_HASH, hasher, lastHash)).toEqual({ intact: true, rows: 5 });
    expect(verifyChain([], GENESIS_HASH, hasher)).toEqual({ intact: true, rows: 0 });
    // Retention pruned rows 1-2: the re-anchor is row 2's hash.
    expect(verifyChain(rows.slice(2), rows[1][4], hasher)).toEqual({ intact: true, rows: 3 });
  });

  it('treats rows appended after the remembered last hash as fine (the writer crashed before remembering)', () => {
    const { rows } = chain(5);
    expect(verifyChain(rows, GENESIS_HASH, hasher, rows[2][4]).intact).toBe(true);
  });

  describe.each([
    ['first', 0],
    ['middle', 2],
    ['last', 4],
  ])('a single change at the %s row', (_, index) => {
    const { rows, lastHash } = chain(5);

    it('edited', () => {
      const verdict = verifyChain(edit(rows, index), GENESIS_HASH, hasher, lastHash);
      expect(broken(verdict)).toEqual({ row: index + 1, problem: 'edited' });
      expect(!verdict.intact && verdict.message).toMatch(
        new RegExp(`^Row ${index + 1} was edited: its content no longer matches its hash [0-9a-f]{12}…$`),
      );
    });

    it('inserted (forged row)', () => {
      const at = index === 4 ? 5 : index;
      const verdict = verifyChain(insertAt(rows, at, forged), GENESIS_HASH, hasher, lastHash);
      expect(broken(verdict)).toEqual({ row: at + 1, problem: 'inserted' });
    });

    it('inserted (copy of another row)', () => {
      const at = index === 4 ? 5 : index;
      const copy = rows[index === 0 ? 3 : 1];
      expect(broken(verifyChain(insertAt(rows, at, copy), GENESIS_HASH, hasher))).toEqual({
        row: at + 1,
        problem: 'inserted',
      });
    });

    it('removed', () => {
      const verdict = verifyChain(removeAt(rows, index), GENESIS_HASH, hasher, lastHash);
      expect(broken(verdict)).toEqual({ row: index + 1, problem: 'removed' });
    });
  });

  it('explains removals in words a reviewer can act on', () => {
    const { rows, lastHash } = chain(5);
    const middle = verifyChain(removeAt(rows, 2), GENESIS_HASH, hasher);
    expect(!middle.intact && middle.message).toMatch(
      /^Rows before row 3 were removed: it follows hash [0-9a-f]{12}…, expected [0-9a-f]{12}…$/,
    );
    const tail = verifyChain(rows.slice(0, 3), GENESIS_HASH, hasher, lastHash);
    expect(tail).toMatchObject({ intact: false, row: 4, problem: 'removed' });
    expect(!tail.intact && tail.message).toMatch(
      /^Rows after row 3 were removed: the last written hash [0-9a-f]{12}… is missing$/,
    );
    expect(verifyChain([], GENESIS_HASH, hasher, lastHash)).toMatchObject({
      intact: false,
      row: 1,
      problem: 'removed',
    });
  });

  it('without the remembered last hash, a forged last row reads as edited and a cut tail goes unseen', () => {
    const { rows } = chain(5);
    expect(broken(verifyChain([...rows, forged], GENESIS_HASH, hasher))).toEqual({
      row: 6,
      problem: 'edited',
    });
    expect(verifyChain(rows.slice(0, 4), GENESIS_HASH, hasher).intact).toBe(true);
  });

  it('catches a row rewritten together with its hash, at the row after it', () => {
    const { rows } = chain(5);
    const rewritten = rows.map((row) => [...row]);
    rewritten[2][2] = 'rewritten';
    rewritten[2][4] = hasher.sha256Hex(JSON.stringify([rewritten[2][3], ...rewritten[2].slice(0, 3)]));
    expect(broken(verifyChain(rewritten, GENESIS_HASH, hasher))).toEqual({ row: 4, problem: 'removed' });
  });

  it('catches a blanked row, a cut-off row and the wrong anchor', () => {
    const { rows } = chain(4);
    const blanked = rows.map((row, i) => (i === 1 ? row.map(() => '') : row));
    expect(broken(verifyChain(blanked, GENESIS_HASH, hasher))).toEqual({ row: 2, problem: 'edited' });
    expect(
      broken(verifyChain([...rows.slice(0, 2), ['x'], ...rows.slice(3)], GENESIS_HASH, hasher)).row,
    ).toBe(3);
    expect(broken(verifyChain(rows, 'a'.repeat(64), hasher))).toEqual({ row: 1, problem: 'removed' });
  });

  it('finds any single edit, insert or removal where it happened (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.nat(),
        fc.constantFrom('edited', 'inserted', 'removed'),
        (n, seed, change) => {
          const { rows, lastHash } = chainRows(cells(n, `s${seed}-`), GENESIS_HASH, hasher);
          const index = seed % n;
          const tampered =
            change === 'edited'
              ? edit(rows, index)
              : change === 'inserted'
                ? insertAt(rows, seed % (n + 1), forged)
                : removeAt(rows, index);
          const row = change === 'inserted' ? (seed % (n + 1)) + 1 : index + 1;
          expect(broken(verifyChain(tampered, GENESIS_HASH, hasher, lastHash))).toEqual({
            row,
            problem: change,
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Verifies rows in chunks of `size`, each continuing from the last, as a card press after press does. */
function inChunks(rows: string[][], size: number, lastHash?: string): ChainVerdict {
  let cursor: ChainCursor = startCursor(GENESIS_HASH);
  for (let from = 0; ; from += size) {
    const final = from + size >= rows.length;
    const verdict = verifyChainChunk(rows.slice(from, from + size), cursor, hasher, {
      lastHash,
      final,
      next: final ? undefined : rows[from + size],
    });
    if (!verdict.intact) return verdict;
    cursor = verdict.cursor;
    if (final) return { intact: true, rows: cursor.rows };
  }
}

describe('verifyChainChunk', () => {
  it('carries the cursor from chunk to chunk and numbers rows across the whole trail', () => {
    const { rows, lastHash } = chain(7);
    const first = verifyChainChunk(rows.slice(0, 3), startCursor(GENESIS_HASH), hasher, {
      final: false,
      next: rows[3],
    });
    expect(first).toEqual({ intact: true, cursor: { rows: 3, hash: rows[2][4] } });
    const tampered = edit(rows, 5);
    const second = verifyChainChunk(tampered.slice(3), (first as { cursor: ChainCursor }).cursor, hasher, {
      final: true,
      lastHash,
    });
    expect(broken(second as ChainVerdict)).toEqual({ row: 6, problem: 'edited' });
  });

  it('checks the last written hash only in the final chunk', () => {
    const { rows, lastHash } = chain(6);
    const cut = rows.slice(0, 4);
    expect(verifyChainChunk(cut, startCursor(GENESIS_HASH), hasher, { final: false, lastHash }).intact).toBe(
      true,
    );
    expect(inChunks(cut, 2, lastHash)).toMatchObject({ intact: false, row: 5, problem: 'removed' });
  });

  it('tells an inserted row at the end of a chunk by the row after it', () => {
    const { rows, lastHash } = chain(6);
    const tampered = insertAt(rows, 3, forged);
    expect(broken(inChunks(tampered, 4, lastHash))).toEqual({ row: 4, problem: 'inserted' });
  });

  it('gives the same verdict as one pass, whatever the chunk size (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 14 }),
        fc.integer({ min: 1, max: 15 }),
        fc.nat(),
        fc.constantFrom('none', 'edited', 'inserted', 'removed', 'cut'),
        (n, size, seed, change) => {
          const { rows, lastHash } = chainRows(cells(n, `c${seed}-`), GENESIS_HASH, hasher);
          const index = seed % n;
          const tampered =
            change === 'edited'
              ? edit(rows, index)
              : change === 'inserted'
                ? insertAt(rows, seed % (n + 1), forged)
                : change === 'removed'
                  ? removeAt(rows, index)
                  : change === 'cut'
                    ? rows.slice(0, index)
                    : rows;
          expect(inChunks(tampered, size, lastHash)).toEqual(
            verifyChain(tampered, GENESIS_HASH, hasher, lastHash),
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
