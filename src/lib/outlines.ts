/**
 * A geography's outlines projected once, in the frame of a map 720 px wide (Mercator fitted
 * to the geography's extent, as d3-geo's fitExtent does it): what a choropleth draws at any
 * width. A drawing at another width shows the same paths through one transform, which is
 * exactly the projection fitted at that width (fitExtent only scales and translates), so the
 * build projects each geography once, and the browser reads the projected paths
 * (`data/outlines/<geography>.json`) instead of projecting a topology itself.
 */
export interface Outlines {
  /** the frame's width and height (the map without its legend) */
  width: number;
  height: number;
  /** the box fitted into the frame (inset 4 px), in the frame's pixels: [x0, y0, x1, y1] */
  box: [number, number, number, number];
  codes: string[];
  /** names, where the boundaries carry them (otherwise a drawing is given them by code) */
  names?: string[];
  /** SVG path data, in the frame's pixels to 0.1 px */
  d: string[];
}

export const OUTLINE_WIDTH = 720;
/** The map's height at a width (the legend goes below it). */
export const mapHeight = (width: number) => Math.round(width * 0.78);
const INSET = 4;

/** The transform that shows the outlines' frame as the map fitted at `width`: scale, then offset. */
export function frameAt(o: Pick<Outlines, 'box'>, width: number): { scale: number; dx: number; dy: number } {
  const [x0, y0, x1, y1] = o.box;
  const w = width - 2 * INSET;
  const h = mapHeight(width) - 2 * INSET;
  const scale = Math.min(w / (x1 - x0), h / (y1 - y0));
  return { scale, dx: INSET + (w - scale * (x0 + x1)) / 2, dy: INSET + (h - scale * (y0 + y1)) / 2 };
}
