/**
 * data/derived/atlas_<level>.csv, one module per level file (see the factory below):
 * every catalogued indicator published for that level, one row per area, one
 * column per indicator, on the level's own boundaries.
 */
import { toCsv } from '../lib/write.ts';
import type { DeriveModule, OutputRecord } from '../lib/context.ts';
import { computeAtlas, type Level } from '../lib/atlas.ts';

const LEVEL_TEXT: Record<Level, { title: string; boundaries: string }> = {
  borough: {
    title: 'London boroughs',
    boundaries: 'Local authority districts (2022 codes), 33 including the City of London',
  },
  ward: { title: 'London wards', boundaries: 'Electoral wards, 2022 pattern (2024 codes are the same in London)' },
  ward2018: {
    title: 'London wards (2018)',
    boundaries: 'Electoral wards, 2018 pattern (IMD 2019 ward summaries only)',
  },
  ward2014: { title: 'London wards (2014)', boundaries: 'Electoral wards, May 2014 pattern (PTAL 2015 only)' },
  ward2013: {
    title: 'London wards (2013)',
    boundaries: 'Electoral wards, December 2013 codes (GLA ward profiles 2015 only)',
  },
  msoa: { title: 'London MSOAs', boundaries: 'Middle layer super output areas, 2021' },
  msoa2011: {
    title: 'London MSOAs (2011)',
    boundaries: 'Middle layer super output areas, 2011 (ONS income estimates only)',
  },
  lsoa: { title: 'London LSOAs', boundaries: 'Lower layer super output areas, 2021' },
  lsoa2011: { title: 'London LSOAs (2011)', boundaries: 'Lower layer super output areas, 2011 (IMD 2019 only)' },
};

/** Fixed decimals by unit so the file is small and stable. */
export function roundFor(unit: string, v: number): number {
  if (unit === 'people' || unit === 'crimes' || unit === '£' || unit.startsWith('rank') || unit === 'decile')
    return Math.round(v);
  if (unit === 'score') return Math.round(v * 1000) / 1000;
  return Math.round(v * 100) / 100;
}

export function atlasModule(level: Level): DeriveModule {
  const output = `atlas_${level}.csv`;
  return {
    output,
    async derive(ctx) {
      const a = await computeAtlas(ctx);
      const L = a.levels.get(level)!;
      const defs = a.defs.filter((d) => d.levels.split('|').includes(level));
      const codes = [...L.areas.keys()].sort();
      const rows = codes.map((code) => {
        const area = L.areas.get(code)!;
        return [
          code,
          area.name,
          area.parent,
          ...defs.map((d) => {
            const v = L.values.get(d.id)?.get(code);
            return v === null || v === undefined ? null : roundFor(d.unit, v);
          }),
        ];
      });
      const columns = ['area_code', 'area_name', 'borough_code', ...defs.map((d) => d.id)];
      const sourceIds = [...new Set(a.inputs.map((i) => i.source))];
      const record: OutputRecord = {
        file: output,
        title: `London Landscape indicators: ${LEVEL_TEXT[level].title}`,
        description: `Wide CSV: one row per area (${LEVEL_TEXT[level].boundaries}), one column per indicator id of indicators.csv (${defs.length} indicators).`,
        format: 'csv',
        rows: rows.length,
        columns: ['area_code', 'area_name', 'borough_code', `${defs.length} indicator columns`],
        coverage: { from: a.crimeWindow.previous[0], to: a.crimeWindow.latest[1] },
        sources: sourceIds,
        inputs: a.inputs,
        notes: [
          ...a.notes,
          'Empty cells: not published for that area (e.g. no MPS crime data for the City of London; a ward that receives no LSOA in the best-fit lookup).',
          ...(level === 'ward'
            ? [
                'Census indicators for wards sum the counts of the LSOAs assigned to each ward by the ONS best-fit lookup; crime indicators come from the MPS ward files.',
              ]
            : []),
        ],
        licence:
          'Open Government Licence v3.0 (ONS, MHCLG); Open Government Licence v2.0 (MPS crime data, GLA profiles, TfL PTAL)',
        attribution:
          'Contains public sector information licensed under the Open Government Licence (ONS Census 2021 and income estimates; MHCLG IoD 2019; Metropolitan Police Service; Greater London Authority; Transport for London).',
      };
      return { files: { [output]: toCsv(columns, rows) }, records: [record] };
    },
  };
}
