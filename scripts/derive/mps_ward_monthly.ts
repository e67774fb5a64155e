/**
 * data/derived/mps_ward_monthly.csv
 *
 * All recorded crime by ward (2022 wards) and month, April 2010 to the latest
 * month, stitched from the historical ward file and the "most recent 24 months"
 * ward release by the same rules as the borough series (an incomplete first month
 * is dropped; the newer release wins overlapping months). Totals only: the
 * category detail for the latest 12 months is in atlas_ward.csv.
 */
import { toCsv } from '../lib/write.ts';
import { inputRecord, sourcePath, type DeriveModule } from '../lib/context.ts';
import { join } from 'node:path';
import { boroughNames, readAreas, readWideRelease, stitchRecord, stitchReleases } from './mps_borough_monthly.ts';
import { source } from '../sources.ts';

export const OUTPUT = 'mps_ward_monthly.csv';
export const VWI_OUTPUT = 'mps_ward_vwi_monthly.csv';
/** The MPS minor category the ISTV page sets A&E assaults beside (Cardiff Model). */
export const VWI_MINOR = 'VIOLENCE WITH INJURY';

/** A ward × month module: every offence (`minor` null) or one minor category. */
const wardModule = (output: string, minor: string | null): DeriveModule => ({
  output,
  async derive(ctx) {
    const ids = ['mps-ward-historic', 'mps-ward-recent'] as const;
    const boroughs = {
      column: 'LookUp_BoroughName',
      values: boroughNames(await readAreas(join(ctx.referenceDir, 'mps_areas.csv'))),
    };
    const releases = [];
    for (const id of ids) {
      releases.push(
        await readWideRelease(
          id,
          sourcePath(ctx, id),
          { area: 'WardCode', areaPart: 'LookUp_BoroughName', major: 'MajorText', minor: 'MinorText' },
          (a) => (/^E05\d{6}$/.test(a) ? null : 'a ward code (E05…)'),
          ['WardName'],
          boroughs,
        ),
      );
    }
    const st = stitchReleases(releases);
    const totals = new Map<string, number[]>();
    const parts = new Map<string, Set<string>>();
    for (const [k, counts] of st.cells) {
      if (minor !== null && k.split('\u0000').at(-1) !== minor) continue;
      const [ward, lookup] = k.split('\u0000')[0]!.split('|') as [string, string];
      parts.set(ward, (parts.get(ward) ?? new Set()).add(lookup));
      const t = totals.get(ward) ?? new Array<number>(st.months.length).fill(0);
      counts.forEach((c, i) => (t[i]! += c));
      totals.set(ward, t);
    }
    const rows = [...totals.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([ward, t]) => [ward, ...t]);
    const columns = ['ward_code', ...st.months];
    const inputs = [];
    for (const rel of releases) {
      const log = st.logs.find((l) => l.release === rel.id)!;
      inputs.push(
        await inputRecord(
          ctx,
          rel.id,
          rel.file,
          { rows_read: rel.rows.length, rows_used: rel.rows.length },
          stitchRecord(log),
        ),
      );
    }
    return {
      files: { [output]: toCsv(columns, rows) },
      records: [
        {
          file: output,
          title: minor
            ? `MPS recorded crime by ward and month: ${minor.toLowerCase()}`
            : 'MPS recorded crime by ward and month',
          description: `Wide CSV: one row per 2022 ward, one column per month (YYYY-MM), ${minor ? `the minor category "${minor}" only` : 'all offences'}.`,
          format: 'csv',
          rows: rows.length,
          columns: ['ward_code', `${st.months[0]} … ${st.months.at(-1)} (${st.months.length} month columns)`],
          coverage: { from: st.months[0]!, to: st.months.at(-1)! },
          sources: [...ids],
          inputs,
          notes: [
            'Ward totals are below borough totals (about 5% in recent years): crimes without a usable location are not placed in a ward.',
            `Wards published under two borough lookups are summed: ${
              [...parts]
                .filter(([, p]) => p.size > 1)
                .map(([w, p]) => `${w} (${[...p].sort().join(' + ')})`)
                .join('; ') || 'none'
            }.`,
          ],
          licence: source('mps-ward-recent').licence,
          attribution: source('mps-ward-recent').attribution,
        },
      ],
    };
  },
});
export default wardModule(OUTPUT, null);
export const wardVwiModule = wardModule(VWI_OUTPUT, VWI_MINOR);
