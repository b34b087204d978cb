// An SVG line chart of service calls (round trips) against submissions for ours, the naive baseline and
// the minimum, both axes logarithmic. Plain SVG text: no dependency, readable in a browser or on GitHub.
import type { FlowResult, PollerRow } from './poller-bench';

const WIDTH = 720;
const HEIGHT = 440;
const MARGIN = { left: 80, right: 170, top: 50, bottom: 60 };

interface Series {
  name: string;
  color: string;
  dash: string;
  /** complete: the flow drained every submission; otherwise note says how far it got. */
  points: Array<{ x: number; y: number; complete: boolean; note?: string }>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Splits text into lines of at most `width` characters at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + word.length + 1 <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function decades(min: number, max: number): number[] {
  const out: number[] = [];
  for (let p = Math.floor(Math.log10(min)); p <= Math.ceil(Math.log10(max)); p++) out.push(10 ** p);
  return out;
}

function flowPoint(submissions: number, flow: FlowResult): Series['points'][number] {
  const point = { x: submissions, y: flow.cost.roundTrips, complete: flow.drained };
  return flow.drained ? point : { ...point, note: `stopped: ${flow.work.drafts} of ${submissions} drafts` };
}

export function callsChart(measured: PollerRow[]): string {
  // Both axes are logarithmic: a poll of 0 has no place on them (the table shows it).
  const rows = measured.filter((r) => r.submissions > 0);
  const series: Series[] = [
    {
      name: 'naive baseline',
      color: '#d93025',
      dash: '6 4',
      points: rows.map((r) => flowPoint(r.submissions, r.naive)),
    },
    {
      name: 'ours',
      color: '#1a73e8',
      dash: '',
      points: rows.map((r) => flowPoint(r.submissions, r.ours)),
    },
    {
      name: 'minimum',
      color: '#188038',
      dash: '2 4',
      points: rows.map((r) => ({ x: r.submissions, y: r.minimum.roundTrips, complete: true })),
    },
  ];
  const all = series.flatMap((s) => s.points);
  const xTicks = decades(Math.min(...all.map((p) => p.x)), Math.max(...all.map((p) => p.x)));
  const yTicks = decades(Math.min(...all.map((p) => p.y)), Math.max(...all.map((p) => p.y)));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const scale = (value: number, ticks: number[], length: number) =>
    ((Math.log10(value) - Math.log10(ticks[0])) /
      (Math.log10(ticks[ticks.length - 1]) - Math.log10(ticks[0]))) *
    length;
  const px = (x: number) => MARGIN.left + scale(x, xTicks, plotW);
  const py = (y: number) => MARGIN.top + plotH - scale(y, yTicks, plotH);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15">Poller: service calls (round trips) to drain N submissions</text>`,
  ];
  for (const t of yTicks) {
    out.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${py(t)}" y2="${py(t)}" stroke="#e0e0e0"/>`,
      `<text x="${MARGIN.left - 8}" y="${py(t) + 4}" text-anchor="end">${t.toLocaleString('en-US')}</text>`,
    );
  }
  for (const t of xTicks) {
    out.push(
      `<line x1="${px(t)}" x2="${px(t)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#e0e0e0"/>`,
      `<text x="${px(t)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${t.toLocaleString('en-US')}</text>`,
    );
  }
  out.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#5f6368"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 18}" text-anchor="middle">form submissions waiting (log scale)</text>`,
    `<text transform="translate(20 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">service calls (log scale)</text>`,
  );
  const notes: string[] = [];
  series.forEach((s, i) => {
    // The line joins complete runs only: the calls until a run stopped do not compare with a drain.
    const path = s.points
      .filter((p) => p.complete)
      .map((p, k) => `${k ? 'L' : 'M'}${px(p.x).toFixed(1)} ${py(p.y).toFixed(1)}`)
      .join(' ');
    out.push(
      `<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`,
    );
    for (const p of s.points) {
      const fill = p.complete ? s.color : '#fff';
      const title = `${s.name}: ${p.y} calls for ${p.x} submissions${p.note ? ` (${p.note})` : ''}`;
      out.push(
        `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="4" fill="${fill}" stroke="${s.color}" stroke-width="2"><title>${escape(title)}</title></circle>`,
      );
      if (p.note) notes.push(`${s.name} at ${p.x.toLocaleString('en-US')}: ${p.note}`);
    }
    const ly = MARGIN.top + 20 + i * 22;
    const lx = MARGIN.left + plotW + 16;
    out.push(
      `<line x1="${lx}" x2="${lx + 28}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`,
      `<text x="${lx + 34}" y="${ly + 4}">${escape(s.name)}</text>`,
    );
  });
  if (notes.length) {
    const lx = MARGIN.left + plotW + 16;
    const ly = MARGIN.top + 20 + series.length * 22;
    out.push(
      `<circle cx="${lx + 14}" cy="${ly}" r="4" fill="#fff" stroke="#5f6368" stroke-width="2"/>`,
      `<text x="${lx + 34}" y="${ly + 4}">did not drain</text>`,
      ...notes.flatMap((note, i) =>
        wrap(note, 24).map(
          (line, k) =>
            `<text x="${lx}" y="${ly + 26 + i * 40 + k * 15}" font-size="11">${escape(line)}</text>`,
        ),
      ),
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
