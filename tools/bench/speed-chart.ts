// An SVG chart of the two speed-to-lead distributions: the share of working-hours leads whose draft was
// ready within x minutes, with the hourly trigger alone and with the sidebar riding along. Plain SVG text.
import type { SpeedToLeadResult } from './speed-to-lead';

const WIDTH = 720;
const HEIGHT = 400;
const MARGIN = { left: 70, right: 30, top: 50, bottom: 60 };
const MAX_MINUTES = 70;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function speedChart(result: SpeedToLeadResult): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (minutes: number) => MARGIN.left + (Math.min(minutes, MAX_MINUTES) / MAX_MINUTES) * plotW;
  const y = (share: number) => MARGIN.top + (1 - share) * plotH;
  /** A step line: the share of leads drafted within each minute value. */
  const path = (minutes: number[]) => {
    const sorted = minutes.slice().sort((a, b) => a - b);
    let d = `M ${x(0).toFixed(1)} ${y(0).toFixed(1)}`;
    sorted.forEach((m, i) => {
      d += ` H ${x(m).toFixed(1)} V ${y((i + 1) / sorted.length).toFixed(1)}`;
    });
    return `${d} H ${x(MAX_MINUTES).toFixed(1)}`;
  };
  const series = [
    {
      name: `hourly trigger alone (p95 ${result.hourly.draftP95Min} min)`,
      color: '#9e9e9e',
      data: result.minutes.hourly,
    },
    {
      name: `hourly trigger + sidebar (p95 ${result.rideAlong.draftP95Min} min)`,
      color: '#1a73e8',
      data: result.minutes.rideAlong,
    },
  ];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15">${escape(`Minutes from submission to prepared draft (${result.leads} working-hours leads)`)}</text>`,
  ];
  for (let m = 0; m <= MAX_MINUTES; m += 10) {
    parts.push(
      `<line x1="${x(m)}" y1="${MARGIN.top}" x2="${x(m)}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`,
      `<text x="${x(m)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${m}</text>`,
    );
  }
  for (let s = 0; s <= 1.0001; s += 0.25) {
    parts.push(
      `<line x1="${MARGIN.left}" y1="${y(s)}" x2="${MARGIN.left + plotW}" y2="${y(s)}" stroke="#eee"/>`,
      `<text x="${MARGIN.left - 8}" y="${y(s) + 4}" text-anchor="end">${Math.round(s * 100)} %</text>`,
    );
  }
  parts.push(
    `<line x1="${x(15)}" y1="${MARGIN.top}" x2="${x(15)}" y2="${MARGIN.top + plotH}" stroke="#d93025" stroke-dasharray="4 3"/>`,
    `<text x="${x(15) + 4}" y="${MARGIN.top + 12}" fill="#d93025">15-minute target (p95)</text>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 18}" text-anchor="middle">minutes after submission</text>`,
    `<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">leads with a draft ready</text>`,
  );
  series.forEach((s, i) => {
    parts.push(`<path d="${path(s.data)}" fill="none" stroke="${s.color}" stroke-width="2.5"/>`);
    const ly = MARGIN.top + plotH - 40 + i * 18;
    parts.push(
      `<line x1="${x(32)}" y1="${ly}" x2="${x(36)}" y2="${ly}" stroke="${s.color}" stroke-width="2.5"/>`,
      `<text x="${x(37)}" y="${ly + 4}">${escape(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
