/** Figure source lines built from the manifest's source registry (publisher, licence, attribution, page). */
import { monthLong } from '../lib/format.ts';
import { loadManifest } from '../data/manifest.ts';
import type { FigureSource } from './types.ts';

export function sourceById(id: string, name: string, dataDate: string): FigureSource {
  const s = loadManifest().sources.find((x) => x.id === id);
  if (!s) throw new Error(`figure source ${id} is not in data/derived/manifest.json`);
  return { name, publisher: s.publisher, attribution: s.attribution, licence: s.licence, url: s.page, dataDate };
}

export const mpsSource = (latest: string) =>
  sourceById('mps-borough-recent', 'MPS recorded crime: geographic breakdown', `data to ${monthLong(latest)}`);
export const censusSource = () =>
  sourceById('census-2021-ts007a-ltla', 'Census 2021, TS007A', 'Census Day, 21 March 2021');
export const boroughBoundarySource = () =>
  sourceById('ons-boroughs-2022-gen20', 'Local Authority Districts, December 2022', 'boundaries of December 2022');

/** A registered source under its own title. */
export function registrySource(id: string, dataDate: string): FigureSource {
  const s = loadManifest().sources.find((x) => x.id === id);
  if (!s) throw new Error(`figure source ${id} is not in data/derived/manifest.json`);
  return {
    name: s.title,
    publisher: s.publisher,
    attribution: s.attribution,
    licence: s.licence,
    url: s.page,
    dataDate,
  };
}
