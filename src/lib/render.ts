/** Build-time rendering of a chart to an SVG string with linkedom's DOM. */
import { parseHTML } from 'linkedom';
import { renderChart, type ChartSpec } from '../charts/index.ts';

export const BUILD_WIDTH = 720;

export function renderSvg(spec: ChartSpec, width = BUILD_WIDTH, ariaLabel?: string): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = renderChart(spec, { width, document: document as unknown as Document, ariaLabel });
  return svg.outerHTML;
}
