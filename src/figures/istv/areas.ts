/**
 * Where an ISTV extract has area codes but no coordinates, its map places each area's
 * attendances at the area's centre: the centres (d3-geo's spherical centroid of each
 * outline) and names of London's 2021 LSOAs, 2022 wards and boroughs, made at build time.
 */
import { geoCentroid } from 'd3-geo';
import { feature } from 'topojson-client';
import type { FeatureCollection } from 'geojson';
import type { GeometryCollection } from 'topojson-specification';
import { loadTopology } from '../../data/geo.ts';
import { loadAtlasLevel } from '../../data/atlas.ts';
import type { AtlasLevel } from '../../lib/atlas.ts';
import type { AreaCentres } from '../../lib/istv.ts';

export type { AreaCentres };

let centres: AreaCentres | undefined;
export function areaCentres(): AreaCentres {
  if (centres) return centres;
  const out: Record<string, [number, number, string, string]> = {};
  const levels: [AtlasLevel, string, string][] = [
    ['borough', 'london_boroughs.topo.json', 'boroughs'],
    ['ward', 'wards_2022.topo.json', 'areas'],
    ['lsoa', 'lsoa_2021.topo.json', 'areas'],
  ];
  for (const [level, file, object] of levels) {
    const topo = loadTopology(file);
    const fc = feature(topo, topo.objects[object] as GeometryCollection) as unknown as FeatureCollection;
    const areas = loadAtlasLevel(level).areas;
    const name = new Map(areas.codes.map((c, i) => [c, areas.names[i]!]));
    const parent = new Map(areas.codes.map((c, i) => [c, level === 'borough' ? c : areas.parents[i]!]));
    for (const f of fc.features) {
      const code = String(f.id ?? (f.properties as { code?: string } | null)?.code ?? '');
      if (!code) continue;
      const [lon, lat] = geoCentroid(f);
      out[code] = [
        Math.round(lon * 1e5) / 1e5,
        Math.round(lat * 1e5) / 1e5,
        name.get(code) ?? code,
        parent.get(code) ?? '',
      ];
    }
  }
  return (centres = out);
}
