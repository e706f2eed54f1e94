// Small SVG charts drawn on the server, so report.html is one self-contained file with no script.
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly secondary?: number;
}

export interface Band {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

const WIDTH = 760;
const HEIGHT = 240;
const PAD = { left: 56, right: 16, top: 16, bottom: 44 };

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / magnitude) * magnitude;
}

function frame(id: string, title: string, body: string, yMax: number, yLabel: string): string {
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = PAD.top + plotHeight * (1 - f);
    return `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y}" y2="${y}" class="grid"/><text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${Math.round(yMax * f)}</text>`;
  }).join('');
  return `<svg class="chart" id="${id}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escape(title)}" xmlns="http://www.w3.org/2000/svg">`
    + `<title>${escape(title)}</title>${ticks}${body}`
    + `<text x="14" y="${PAD.top + plotHeight / 2}" transform="rotate(-90 14 ${PAD.top + plotHeight / 2})" text-anchor="middle">${escape(yLabel)}</text></svg>`;
}

export function barChart(id: string, title: string, bars: readonly Bar[], yLabel: string, legend?: readonly [string, string]): string {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const yMax = niceMax(Math.max(1, ...bars.map((bar) => Math.max(bar.value, bar.secondary ?? 0))));
  const slot = plotWidth / Math.max(1, bars.length);
  const paired = bars.some((bar) => bar.secondary !== undefined);
  const barWidth = Math.max(2, slot * (paired ? 0.38 : 0.7));
  const body = bars.map((bar, i) => {
    const x = PAD.left + i * slot + (slot - barWidth * (paired ? 2 : 1)) / 2;
    const h = (bar.value / yMax) * plotHeight;
    let out = `<rect class="bar" x="${x}" y="${PAD.top + plotHeight - h}" width="${barWidth}" height="${h}"><title>${escape(bar.label)}: ${bar.value}</title></rect>`;
    if (bar.secondary !== undefined) {
      const h2 = (bar.secondary / yMax) * plotHeight;
      out += `<rect class="bar secondary" x="${x + barWidth}" y="${PAD.top + plotHeight - h2}" width="${barWidth}" height="${h2}"><title>${escape(bar.label)}: ${bar.secondary}</title></rect>`;
    }
    return `${out}<text x="${PAD.left + i * slot + slot / 2}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle">${escape(bar.label)}</text>`;
  }).join('');
  const key = legend
    ? `<rect class="bar" x="${WIDTH - 220}" y="4" width="10" height="10"/><text x="${WIDTH - 206}" y="13">${escape(legend[0])}</text>`
      + `<rect class="bar secondary" x="${WIDTH - 120}" y="4" width="10" height="10"/><text x="${WIDTH - 106}" y="13">${escape(legend[1])}</text>`
    : '';
  return frame(id, title, body + key, yMax, yLabel);
}

/**
 * A time series (one value per bucket) with shaded bands, e.g. fault windows. The x axis is in
 * seconds of whatever time base the caller uses; `tickLabel` writes a tick's seconds.
 */
export function timeSeriesChart(
  id: string, title: string, values: readonly number[], bucketSeconds: number, bands: readonly Band[], yLabel: string,
  tickLabel: (seconds: number) => string = (seconds) => `${seconds}s`,
): string {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const yMax = niceMax(Math.max(1, ...values));
  const totalSeconds = Math.max(1, values.length * bucketSeconds);
  const xOf = (seconds: number) => PAD.left + (seconds / totalSeconds) * plotWidth;
  const shaded = bands.map((band, i) => {
    const x1 = xOf(Math.max(0, band.from));
    const x2 = xOf(Math.min(totalSeconds, Math.max(band.to, band.from + bucketSeconds)));
    return `<rect class="band" x="${x1}" y="${PAD.top}" width="${Math.max(2, x2 - x1)}" height="${plotHeight}"><title>${escape(band.label)}</title></rect>`
      + `<text class="band-label" x="${x1 + 3}" y="${PAD.top + 12 + (i % 3) * 12}">${escape(band.label)}</text>`;
  }).join('');
  const points = values.map((value, i) => `${xOf((i + 0.5) * bucketSeconds).toFixed(1)},${(PAD.top + plotHeight - (value / yMax) * plotHeight).toFixed(1)}`).join(' ');
  const ticks = Array.from({ length: 7 }, (_, i) => {
    const seconds = Math.round((totalSeconds * i) / 6);
    return `<text x="${xOf(seconds)}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle">${escape(tickLabel(seconds))}</text>`;
  }).join('');
  return frame(id, title, `${shaded}<polyline class="line" points="${points}"/>${ticks}`, yMax, yLabel);
}
