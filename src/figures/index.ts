import { homeFacts, homeFigures } from './home/build.ts';
import { londonNowFacts, nationalFigures, releaseFacts } from './national/build.ts';
import { loadReleases } from '../data/national.ts';
import { atlasFigures } from './atlas/build.ts';
import { allProfileFigures } from './profile/build.ts';
import { hotspotFigures } from './hotspots/build.ts';
import { violenceFacts, violenceFigures } from './violence/build.ts';
import { istvDefaultFigures } from './istv/build.ts';
import { explorerDefaultFigures } from './explorer/build.ts';
import { neighbourhoodsDefaultFigures } from './neighbourhoods/build.ts';
import type { Fact, Figure } from './types.ts';
import { toCsv } from '../lib/csv.ts';

let all: Figure[] | undefined;

/** Every published figure. A new page's figures are added here. */
export function allFigures(): Figure[] {
  if (!all) {
    all = [
      ...homeFigures(),
      ...nationalFigures(),
      ...atlasFigures(),
      ...hotspotFigures(),
      ...violenceFigures(),
      ...istvDefaultFigures(),
      ...explorerDefaultFigures(),
      ...neighbourhoodsDefaultFigures(),
      ...allProfileFigures(),
    ];
    const ids = new Set<string>();
    for (const f of all) {
      if (ids.has(f.id)) throw new Error(`duplicate figure id ${f.id}`);
      ids.add(f.id);
    }
  }
  return all;
}

let byId: Map<string, Figure> | undefined;
export function figureById(id: string): Figure {
  byId ??= new Map(allFigures().map((f) => [f.id, f]));
  const f = byId.get(id);
  if (!f) throw new Error(`no figure ${id}`);
  return f;
}

/** CSV of exactly the plotted data (the figure's table, raw values). */
export { figureCsv } from './csv.ts';

/** Every page's headline numbers, by the name of the page's facts file (figures/facts-<name>.csv). */
export function allFacts(): Record<string, Fact[]> {
  return {
    home: homeFacts().facts,
    'national-latest': londonNowFacts(),
    violence: violenceFacts(),
    ...Object.fromEntries(loadReleases().releases.map((r) => [`national-${r.period}`, releaseFacts(r)])),
  };
}

/** A page's facts as CSV: one row a number, with its unit and sources. */
export function factsCsv(facts: Fact[]): string {
  return toCsv(
    ['id', 'value', 'unit', 'as_printed', 'label', 'sources'],
    facts.map((f) => [
      f.id,
      f.value,
      f.unit,
      f.text,
      f.label,
      f.source.map((s) => `${s.name} (${s.publisher}, ${s.dataDate})`).join('; '),
    ]),
  );
}
