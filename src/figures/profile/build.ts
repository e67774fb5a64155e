/** The figures of the area profile pages: where the area is, and its crime month by month. */
import { monthLong } from '../../lib/format.ts';
import { trendFigure, trendPoints, trendWords } from '../kinds.ts';
import { loadBoroughTopo } from '../../data/geo.ts';
import { monthlyCrime, neighboursOf, profileAreas, type ProfileArea } from './areas.ts';
import { loadLevelTopo } from '../atlas/build.ts';
import { boroughBoundarySource, mpsSource, registrySource } from '../sources.ts';
import type { Figure } from '../types.ts';

export const areaPage = (code: string) => `area/${code}/`;

export function profileFigures(area: ProfileArea): Figure[] {
  const figs: Figure[] = [];
  const nb = neighboursOf(area.level, area.code);
  const names = new Map(profileAreas().map((a) => [a.code, a]));
  const kind = area.level === 'borough' ? 'borough' : `ward in ${area.borough.name}`;
  figs.push({
    id: `area-${area.code}-locator`,
    page: areaPage(area.code),
    title: `Where ${area.name} is`,
    subtitle: `${area.name} (${kind}) and the ${area.level === 'borough' ? 'boroughs' : 'wards'} that border it, on a map of London's boroughs`,
    description: `${area.name} is a ${kind}. ${nb.length ? `It borders ${nb.length} ${area.level === 'borough' ? 'boroughs' : 'wards'}, outlined on the map and listed in the table.` : 'It borders no other area in this map.'}`,
    chart: {
      kind: 'locator',
      base: loadBoroughTopo(),
      baseObject: 'boroughs',
      target: area.level === 'borough' ? loadBoroughTopo() : loadLevelTopo('wards_2022.topo.json'),
      targetObject: area.level === 'borough' ? 'boroughs' : 'areas',
      code: area.code,
      neighbours: nb,
      label: area.name,
    },
    widths: [360, 560],
    table: {
      caption: `${area.name} and its neighbours`,
      columns: [
        { key: 'role', label: 'Role' },
        { key: 'name', label: 'Area' },
        { key: 'code', label: 'Code' },
      ],
      rows: [
        { role: 'This area', name: area.name, code: area.code },
        ...nb.map((c) => ({ role: 'Neighbour', name: names.get(c)?.name ?? 'No published data', code: c })),
      ],
    },
    source: [
      area.level === 'borough'
        ? boroughBoundarySource()
        : registrySource('ons-wards-2022', 'boundaries of December 2022'),
    ],
    notes: ['Neighbours share a boundary in the generalised boundary file.'],
  });
  const monthly = monthlyCrime(area);
  if (monthly) {
    const force = monthly.force === 'city' ? 'the City of London Police' : 'the Metropolitan Police';
    const trend = trendPoints(monthly.data);
    const last = trend.at(-1)!;
    figs.push(
      trendFigure({
        id: `area-${area.code}-crime-trend`,
        page: areaPage(area.code),
        title: `Recorded crime in ${area.name}, month by month`,
        subtitle: `Crimes recorded by ${force} in ${area.name} each month, with the average of the 12 months to each month, ${monthLong(trend[0]!.month)} to ${monthLong(last.month)}`,
        description: trendWords(trend, force, ` in ${area.name}`),
        trend,
        caption: `Recorded crime by month in ${area.name}`,
        // Drawn for a phone's column and for the profile's (560 px): neither is drawn again on load.
        widths: [360, 560],
        source: [
          monthly.force === 'city'
            ? registrySource('policeuk-street-city', `data to ${monthLong(last.month)}`)
            : area.level === 'borough'
              ? mpsSource(last.month)
              : registrySource('mps-ward-recent', `data to ${monthLong(last.month)}`),
        ],
        notes: [
          monthly.force === 'city'
            ? `The MPS files do not cover the City of London. These are the City of London Police's crimes on data.police.uk (anti-social behaviour excluded), placed ${area.level === 'borough' ? 'in the City' : 'in a ward'} by their anonymised map point: a crime near a boundary can fall on the other side, and the records without a location are left out. Not comparable with MPS figures.`
            : area.level === 'ward'
              ? 'Ward figures count crimes the MPS could place in a ward: about 5% fewer than borough figures. Wards are the 2022 pattern for the whole period (re-based by the MPS).'
              : 'Borough figures exclude crimes the MPS could not attribute to a borough.',
          'Police recorded crime is not a measure of all crime.',
        ],
      }),
    );
  }
  return figs;
}

export function allProfileFigures(): Figure[] {
  return profileAreas().flatMap(profileFigures);
}
