/**
 * data/derived/indicators.csv and data/derived/indicators.json
 *
 * The published indicator catalogue: each indicator's definition, unit, levels,
 * vintage, period, sources and licence from data/reference/indicators.csv, with
 * the period resolved and the number of areas with a value at each level.
 */
import { stableJson, toCsv } from '../lib/write.ts';
import type { DeriveModule, OutputRecord } from '../lib/context.ts';
import { computeAtlas, LEVELS, type Atlas } from '../lib/atlas.ts';
import { SOURCES } from '../sources.ts';

const FAMILY: Record<string, (level: string, table: string) => string[]> = {
  'mps-recorded-crime': (level) =>
    level === 'borough'
      ? ['mps-borough-historic', 'mps-borough-recent']
      : level === 'ward'
        ? ['mps-ward-recent']
        : ['mps-lsoa-recent'],
  'imd-2019-lsoa': () => ['imd-2019-lsoa'],
  'imd-2019-borough': () => ['imd-2019-borough'],
};

function catalogue(a: Atlas) {
  const months = (p: string) => `${p.slice(0, 4)}-${p.slice(5)}`;
  return a.defs.map((d) => {
    const levels = d.levels.split('|');
    const sourceIds = [
      ...new Set(
        levels.flatMap((l) =>
          d.table === 'column'
            ? [d.source]
            : FAMILY[d.source]
              ? FAMILY[d.source]!(l, d.table)
              : [
                  `census-2021-${d.table}-${l === 'borough' ? 'ltla' : l === 'ward' ? 'lsoa' : l}`,
                  ...(l === 'ward' ? ['ons-lsoa21-ward24-lookup'] : []),
                ],
        ),
      ),
    ];
    const licences = [...new Set(sourceIds.map((id) => SOURCES.find((s) => s.id === id)?.licence ?? ''))].filter(
      Boolean,
    );
    const coverage = Object.fromEntries(
      LEVELS.filter((l) => levels.includes(l)).map((l) => [
        l,
        [...(a.levels.get(l)!.values.get(d.id)?.values() ?? [])].filter((v) => v !== null).length,
      ]),
    );
    return {
      id: d.id,
      theme: d.theme,
      title: d.title,
      definition: d.definition,
      unit: d.unit,
      higher_is_better: d.higher_is_better === 'higher' ? 'yes' : d.higher_is_better === 'lower' ? 'no' : 'neither',
      levels: d.levels.split('|').join(';'),
      vintage: d.vintage,
      period:
        d.period !== 'latest 12 months'
          ? d.period
          : d.scale === 'change'
            ? `${months(a.crimeWindow.latest[0])} to ${months(a.crimeWindow.latest[1])} against ${months(a.crimeWindow.previous[0])} to ${months(a.crimeWindow.previous[1])}`
            : `${months(a.crimeWindow.latest[0])} to ${months(a.crimeWindow.latest[1])}`,
      sources: sourceIds.join(';'),
      licence: licences.join('; '),
      areas_with_value: coverage,
    };
  });
}

function record(file: string, format: string, rows: number, a: Atlas): OutputRecord {
  return {
    file,
    title: 'London Landscape indicator catalogue',
    description:
      'Every indicator: id, theme, title, definition, unit, whether higher is better, levels, boundary vintage, period, sources and licence, and the number of areas with a value at each level.',
    format,
    rows,
    columns: [
      'id',
      'theme',
      'title',
      'definition',
      'unit',
      'higher_is_better',
      'levels',
      'vintage',
      'period',
      'sources',
      'licence',
      'areas_with_value',
    ],
    coverage: {
      note: `Census 2021; IMD 2019; GLA ward profiles 2015 and borough profiles 2017; PTAL 2015; ONS MSOA income; crime ${a.crimeWindow.latest[0]} to ${a.crimeWindow.latest[1]}`,
    },
    sources: [...new Set(a.inputs.map((i) => i.source))],
    inputs: a.inputs,
    notes: ['Hand-kept definitions in data/reference/indicators.csv; this file adds the resolved period and coverage.'],
    licence: 'Open Government Licence v3.0 (catalogue text: this project)',
    attribution: 'London Crime Analysis indicator catalogue.',
  };
}

export const indicatorsCsv: DeriveModule = {
  output: 'indicators.csv',
  async derive(ctx) {
    const a = await computeAtlas(ctx);
    const cat = catalogue(a);
    const columns = [
      'id',
      'theme',
      'title',
      'definition',
      'unit',
      'higher_is_better',
      'levels',
      'vintage',
      'period',
      'sources',
      'licence',
      ...LEVELS.map((l) => `areas_${l}`),
    ];
    const rows = cat.map((c) => [
      c.id,
      c.theme,
      c.title,
      c.definition,
      c.unit,
      c.higher_is_better,
      c.levels,
      c.vintage,
      c.period,
      c.sources,
      c.licence,
      ...LEVELS.map((l) => (c.areas_with_value as Record<string, number>)[l] ?? null),
    ]);
    return {
      files: { 'indicators.csv': toCsv(columns, rows) },
      records: [record('indicators.csv', 'csv', rows.length, a)],
    };
  },
};

export const indicatorsJson: DeriveModule = {
  output: 'indicators.json',
  async derive(ctx) {
    const a = await computeAtlas(ctx);
    const cat = catalogue(a);
    return {
      files: { 'indicators.json': stableJson({ indicators: cat }) },
      records: [record('indicators.json', 'json', cat.length, a)],
    };
  },
};
