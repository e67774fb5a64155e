/** Build-time rendering of a chart to an SVG string with linkedom's DOM. */
import { parseHTML } from 'linkedom';
import { renderChart, type ChartSpec } from './index.ts';

export const BUILD_WIDTH = 720;

/** `inline`: draw shared layers (a map's street network) into the SVG instead of referring to the shared file, for a file that stands alone. */
export function renderSvg(spec: ChartSpec, width = BUILD_WIDTH, ariaLabel?: string, inline = false): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = renderChart(spec, { width, document: document, ariaLabel, inline });
  return svg.outerHTML;
}
