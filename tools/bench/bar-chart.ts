// A horizontal grouped bar chart as plain SVG text (no dependency), like chart.ts's line chart: one group
// of bars per row, one bar per series, optional vertical markers (a target, a limit).
const WIDTH = 760;
const LEFT = 250;
const RIGHT = 90;
const TOP = 70;
const BAR = 14;
const GAP = 10;

export interface BarSeries {
  name: string;
  color: string;
}

export interface BarGroup {
  label: string;
  /** One value per series, in the series' order; null draws no bar (no such baseline). */
  values: Array<number | null>;
}

export interface BarChart {
  title: string;
  axis: string;
  series: BarSeries[];
  groups: BarGroup[];
  /** Formats a bar's value label. */
  format: (value: number) => string;
  markers?: Array<{ value: number; label: string; color: string }>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function barChart(chart: BarChart): string {
  const values = chart.groups.flatMap((g) => g.values).filter((v): v is number => v !== null);
  const max = Math.max(1e-9, ...values, ...(chart.markers ?? []).map((m) => m.value)) * 1.05;
  const plotW = WIDTH - LEFT - RIGHT;
  const groupH = chart.series.length * BAR + GAP;
  const height = TOP + chart.groups.length * groupH + 50;
  const x = (v: number) => LEFT + (v / max) * plotW;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15">${escape(chart.title)}</text>`,
  ];
  chart.series.forEach((s, i) => {
    const lx = LEFT + i * 150;
    out.push(
      `<rect x="${lx}" y="38" width="14" height="10" fill="${s.color}"/>`,
      `<text x="${lx + 20}" y="47">${escape(s.name)}</text>`,
    );
  });
  chart.groups.forEach((g, gi) => {
    const top = TOP + gi * groupH;
    out.push(
      `<text x="${LEFT - 8}" y="${top + (chart.series.length * BAR) / 2 + 4}" text-anchor="end">${escape(g.label)}</text>`,
    );
    g.values.forEach((v, si) => {
      if (v === null) return;
      const y = top + si * BAR;
      const w = Math.max(1, x(v) - LEFT);
      out.push(
        `<rect x="${LEFT}" y="${y}" width="${w.toFixed(1)}" height="${BAR - 2}" fill="${chart.series[si].color}"><title>${escape(`${g.label}, ${chart.series[si].name}: ${chart.format(v)}`)}</title></rect>`,
        `<text x="${(LEFT + w + 4).toFixed(1)}" y="${y + BAR - 4}" font-size="10">${escape(chart.format(v))}</text>`,
      );
    });
  });
  const bottom = TOP + chart.groups.length * groupH;
  out.push(
    `<line x1="${LEFT}" x2="${LEFT}" y1="${TOP - 6}" y2="${bottom}" stroke="#5f6368"/>`,
    `<text x="${LEFT + plotW / 2}" y="${bottom + 36}" text-anchor="middle">${escape(chart.axis)}</text>`,
  );
  for (const m of chart.markers ?? []) {
    out.push(
      `<line x1="${x(m.value).toFixed(1)}" x2="${x(m.value).toFixed(1)}" y1="${TOP - 6}" y2="${bottom}" stroke="${m.color}" stroke-dasharray="4 3"/>`,
      `<text x="${x(m.value).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" fill="${m.color}">${escape(m.label)}</text>`,
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
