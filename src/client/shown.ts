/**
 * The chart each section shows when a view drawn in the browser replaced the build's: a
 * redraw for a new width (src/client/figures.ts) draws it, not the build's chart.
 */
import type { ChartSpec } from '../charts/index.ts';

export const shownCharts = new WeakMap<HTMLElement, ChartSpec>();
