import { triggerMinute } from '../../src/core/trigger-minute';

describe('triggerMinute', () => {
  it('gives an address the same minute of the hour every time, whatever its case', () => {
    expect(triggerMinute('Alex.Rivera@northwind.example')).toBe(
      triggerMinute('alex.rivera@northwind.example'),
    );
    const minute = triggerMinute('sam@northwind.example');
    expect(minute).toBeGreaterThanOrEqual(0);
    expect(minute).toBeLessThan(60);
  });

  it("spreads a 20-rep team's triggers over the hour instead of one minute", () => {
    const minutes = Array.from({ length: 20 }, (_, i) => triggerMinute(`rep${i}@northwind.example`));
    expect(new Set(minutes).size).toBeGreaterThanOrEqual(12);
    // No quarter of the hour holds more than half of them.
    for (let q = 0; q < 4; q++)
      expect(minutes.filter((m) => Math.floor(m / 15) === q).length).toBeLessThanOrEqual(10);
  });
});
