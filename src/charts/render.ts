/** Build-time rendering of a chart to an SVG string with linkedom's DOM. */
import { parseHTML } from 'linkedom';
import { renderChart, type ChartSpec } from './index.ts';

export const BUILD_WIDTH = 720;

/**
 * The same figure is drawn for its page, its embed page, its SVG file and its preview:
 * each drawing is made once per build (keyed by the chart object, width, label and inlining).
 */
const made = new WeakMap<ChartSpec, Map<string, string>>();

/** `inline`: draw shared layers (a map's street network) into the SVG instead of referring to the shared file, for a file that stands alone. */
export function renderSvg(spec: ChartSpec, width = BUILD_WIDTH, ariaLabel?: string, inline = false): string {
  let byKey = made.get(spec);
  if (!byKey) made.set(spec, (byKey = new Map<string, string>()));
  const key = `${width}|${inline}|${ariaLabel ?? ''}`;
  let svg = byKey.get(key);
  if (svg === undefined) {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    svg = renderChart(spec, { width, document: document, ariaLabel, inline }).outerHTML;
    byKey.set(key, svg);
  }
  return svg;
}
