import type { APIRoute } from 'astro';
import { loadHotspotDataset, loadHotspotIndex } from '../../../figures/hotspots/build.ts';
import { NETWORK_WIDTHS, networkD } from '../../../charts/hotspotMap.ts';

/**
 * The street network of a hotspot data set, drawn once per map width: the page's
 * maps refer to it (<use href="…#net">) instead of carrying the same lines in each
 * SVG. Standalone downloads draw the network inline instead.
 */
export function getStaticPaths() {
  return loadHotspotIndex()
    .datasets.filter((e) => e.network)
    .flatMap((e) => NETWORK_WIDTHS.map((w) => ({ params: { name: `${e.id}-${w}` }, props: { id: e.id, width: w } })));
}

export const GET: APIRoute = ({ props }) => {
  const { id, width } = props as { id: string; width: number };
  const d = loadHotspotDataset(id);
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"><title>OpenStreetMap drivable streets (© OpenStreetMap contributors, ODbL) for the ${d.area.name} maps, ${width} px</title><path id="net" d="${networkD(d.outline, d.network!.segments.path, width)}"/></svg>\n`;
  return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml' } });
};
