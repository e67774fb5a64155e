import * as Plot from '@observablehq/plot';
import { C, SERIES_SYMBOLS } from './common.ts';

/**
 * A key drawn in the top margin: one row per series, its marker and its name. Returns
 * the marks and the margin they need.
 */
export function seriesKey(
  labels: string[],
  narrow: boolean,
  fill: (i: number) => string,
  symbols: readonly string[] = SERIES_SYMBOLS,
): { marks: Plot.Markish[]; height: number } {
  const perRow = narrow ? 1 : 2;
  // Columns as wide as the longest label (about 0.62 em a character at 12 px) plus the marker and a gap.
  const colWidth = Math.ceil(Math.max(...labels.map((l) => l.length)) * 12 * 0.62) + 48;
  const marks = labels.flatMap((label, i) => {
    const dx = (i % perRow) * colWidth;
    const dy = -16 - (Math.ceil(labels.length / perRow) - 1 - Math.floor(i / perRow)) * 18;
    return [
      Plot.dot([0], {
        frameAnchor: 'top-left',
        dx: dx + 6,
        dy,
        symbol: symbols[i % symbols.length]!,
        r: 5,
        fill: fill(i),
        stroke: fill(i),
      }),
      Plot.text([label], { frameAnchor: 'top-left', dx: dx + 16, dy, textAnchor: 'start', fill: C.fg }),
    ];
  });
  return { marks, height: Math.ceil(labels.length / perRow) * 18 + 18 };
}
