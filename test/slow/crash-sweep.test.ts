// A slow sweep (npm run test:slow), the fast subset's crash-point sweep (the whole matrix: `npm run
// reliability`): a crash at every call of a poll run loses nothing and does nothing twice. Its own file so it
// runs beside reliability-matrix.test.ts.
import { buildBundle } from '../../tools/build';
import { expectHeld } from '../reliability/expect-held';
import { crashSweep } from '../../tools/reliability/cases/crash-sweep';

jest.setTimeout(60_000);

let code = '';
beforeAll(async () => {
  code = (await buildBundle()).code;
});

describe('reliability (fast subset): the crash-point sweep', () => {
  it('a crash at any call of a poll run loses nothing and does nothing twice (2 valid, 1 invalid)', async () => {
    const metrics = await crashSweep({
      name: 'sweep',
      fast: true,
      world: { valid: 2, invalid: 1 },
      mode: 'crash',
    }).run(code);
    expectHeld(metrics);
    // A run with work makes about 20 calls (a crash point each).
    expect(metrics.trials).toBeGreaterThanOrEqual(18);
    expect(metrics.faults).toBe(metrics.trials);
  });
});
