/**
 * The data layer: every derived file is read through a schema, and a malformed one
 * stops the build with the file, the row and the column (or the JSON path), the
 * value found and what was expected. A hand-edited file fails its checksum.
 */
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv, readJson } from '../../src/data/read.ts';
import { count, month, numberOrNull, oneOf, required } from '../../src/data/schema/cells.ts';
import { ManifestSchema } from '../../src/data/schema/manifest.ts';
import { hotspotDatasetSchema } from '../../src/data/schema/hotspots.ts';
import { mpsReleaseInputs, resetManifest } from '../../src/data/manifest.ts';
import { readManifestFile } from '../../scripts/lib/context.ts';
import { parse } from 'csv-parse/sync';

/** A copy of data/derived/ in a temporary project root, to damage. */
function copyDerived(): string {
  const root = mkdtempSync(join(tmpdir(), 'lca-data-'));
  cpSync('data/derived', join(root, 'data/derived'), { recursive: true });
  return root;
}
const before = process.env.LCA_ROOT;
afterEach(() => {
  if (before === undefined) delete process.env.LCA_ROOT;
  else process.env.LCA_ROOT = before;
});

describe('CSV cells', () => {
  const spec = {
    columns: { area_code: required, n: count },
    rest: { pattern: /^\d{4}-\d{2}$/, cell: numberOrNull, what: 'months' },
  };
  it('gives typed rows for a good file', () => {
    const f = parseCsv('x.csv', 'area_code,n,2024-01\nE09000001,5,1.5\nE09000002,0,\n', spec);
    expect(f.rows).toEqual([
      { area_code: 'E09000001', n: 5, '2024-01': 1.5 },
      { area_code: 'E09000002', n: 0, '2024-01': null },
    ]);
    expect(f.rest).toEqual(['2024-01']);
  });
  it("types each row from the spec's cell rules, with no type given by the caller (checked by tsc)", () => {
    const row = parseCsv('x.csv', 'area_code,n,2024-01\nE09000001,5,1.5\n', spec).rows[0]!;
    expectTypeOf(row.area_code).toEqualTypeOf<string>();
    expectTypeOf(row.n).toEqualTypeOf<number>();
    // A further column by name may be absent (noUncheckedIndexedAccess).
    expectTypeOf(row['2024-01']).toEqualTypeOf<number | null | undefined>();
    const kinds = parseCsv('x.csv', 'kind\nborough\n', { columns: { kind: oneOf(['borough', 'other'] as const) } })
      .rows[0]!;
    expectTypeOf(kinds.kind).toEqualTypeOf<'borough' | 'other'>();
    expect(kinds.kind).toBe('borough');
    // With no further columns, a column the spec does not name is a type error.
    // @ts-expect-error: "kinds" is not a column of this file
    expect(kinds.kinds).toBeUndefined();
  });

  it('names the file, row, column, value and rule for a bad cell: never NaN, never 0', () => {
    expect(() => parseCsv('x.csv', 'area_code,n\nE09000001,5\nE09000002,seven\n', spec)).toThrow(
      'x.csv: row 2, column "n": expected a whole number of 0 or more (digits only); found "seven".',
    );
    expect(() => parseCsv('x.csv', 'area_code,n\nE09000001,\n', spec)).toThrow(
      /row 1, column "n": expected a whole number/,
    );
    expect(() => parseCsv('x.csv', 'area_code,n\n,1\n', spec)).toThrow(
      /row 1, column "area_code": expected a value, found an empty cell/,
    );
    expect(() => parseCsv('x.csv', 'area_code,n,2024-01\nE09000001,1,1e\n', spec)).toThrow(
      /column "2024-01": expected a number or an empty cell; found "1e"/,
    );
    expect(() => month.parse('2024-13')).toThrow();
  });
  it('names a missing, an unexpected and a short row', () => {
    expect(() => parseCsv('x.csv', 'area_code,count\nE09000001,5\n', spec)).toThrow(
      'x.csv: row 0 (header): missing column "n"; found "area_code", "count".',
    );
    expect(() => parseCsv('x.csv', 'area_code,n,extra\nE09000001,5,1\n', spec)).toThrow(
      /unexpected column "extra"; further columns must be months/,
    );
    expect(() => parseCsv('x.csv', 'area_code,n\nE09000001\n', spec)).toThrow(
      'x.csv: row 1: 1 cells; expected 2 as in the header.',
    );
    expect(() => parseCsv('x.csv', 'area_code,n\n', spec)).toThrow('x.csv: a header but no rows.');
  });
});

describe('derived files through the data layer', () => {
  it('rejects a manifest whose row accounting does not balance', () => {
    const m = JSON.parse(readFileSync('data/derived/manifest.json', 'utf8')) as {
      outputs: { inputs: { rows_used: number }[] }[];
    };
    expect(ManifestSchema.safeParse(m).success).toBe(true);
    m.outputs[0]!.inputs[0]!.rows_used += 1;
    const r = ManifestSchema.safeParse(m);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('rows_used + rows_rejected must equal rows_read');
  });

  it("fails the build on a hand-edited derived file (its checksum is not the pipeline's)", async () => {
    const root = copyDerived();
    const f = join(root, 'data/derived/borough_population.csv');
    writeFileSync(f, readFileSync(f, 'utf8').replace('City of London,8580', 'City of London,8581'));
    process.env.LCA_ROOT = root;
    const { loadManifest, resetManifest } = await import('../../src/data/manifest.ts');
    resetManifest();
    expect(() => loadManifest()).toThrow(
      /data\/derived\/borough_population\.csv: its checksum .* is not the one the pipeline recorded in manifest\.json .*changed by hand/,
    );
    resetManifest();
  });

  it("gives the MPS releases' accounting, which adds up to the derived monthly file (read here with csv-parse)", () => {
    const releases = mpsReleaseInputs();
    expect(releases.length).toBeGreaterThan(0);
    const rows = parse<Record<string, string>>(readFileSync('data/derived/mps_borough_monthly.csv'), { columns: true });
    const months = Object.keys(rows[0]!).filter((k) => /^\d{4}-\d{2}$/.test(k));
    const crimes = rows.reduce((a, r) => a + months.reduce((b, m) => b + Number(r[m]), 0), 0);
    // Every month of the series comes from one release, and every crime used is in the file.
    expect(releases.reduce((a, r) => a + r.months_used, 0)).toBe(months.length);
    expect(releases.reduce((a, r) => a + r.crimes_used, 0)).toBe(crimes);
    for (const r of releases) expect(r.rows_used + r.rows_rejected, r.path).toBe(r.rows_read);
  });

  it("stops the build when an MPS release's month accounting is missing or malformed", () => {
    const root = copyDerived();
    const f = join(root, 'data/derived/manifest.json');
    const m = JSON.parse(readFileSync(f, 'utf8')) as { outputs: { file: string; inputs: Record<string, unknown>[] }[] };
    m.outputs.find((o) => o.file === 'mps_borough_monthly.csv')!.inputs[0]!.months_in_file = {
      count: 1,
      from: '2010-4',
      to: '2024-02',
    };
    writeFileSync(f, JSON.stringify(m));
    process.env.LCA_ROOT = root;
    resetManifest();
    expect(() => mpsReleaseInputs()).toThrow(
      /manifest\.json: at outputs\[mps_borough_monthly\.csv\]\.inputs\.0\.months_in_file\.from: /,
    );
    m.outputs.find((o) => o.file === 'mps_borough_monthly.csv')!.inputs = [];
    writeFileSync(f, JSON.stringify(m));
    resetManifest();
    expect(() => mpsReleaseInputs()).toThrow(/manifest\.json: no MPS release recorded for mps_borough_monthly\.csv/);
    resetManifest();
  });

  it('the pipeline reads an earlier manifest through the same schema, naming the file and the place of a problem', () => {
    const root = copyDerived();
    const f = join(root, 'data/derived/manifest.json');
    expect(readManifestFile(f).outputs.length).toBeGreaterThan(0);
    const m = JSON.parse(readFileSync(f, 'utf8')) as { outputs: { rows: unknown }[] };
    m.outputs[2]!.rows = 'many';
    writeFileSync(f, JSON.stringify(m));
    expect(() => readManifestFile(f)).toThrow(`${f}: at outputs.2.rows: `);
    writeFileSync(f, '{"outputs": [');
    expect(() => readManifestFile(f)).toThrow(`${f}: not valid JSON`);
  });

  it('names the JSON path of a problem in a street-level data set', () => {
    const root = copyDerived();
    const f = join(root, 'data/derived/hotspots_city.json');
    const d = JSON.parse(readFileSync(f, 'utf8')) as { events: { n: number[] } };
    d.events.n[3] = -1;
    writeFileSync(f, JSON.stringify(d));
    process.env.LCA_ROOT = root;
    expect(() => readJson('hotspots_city.json', hotspotDatasetSchema)).toThrow(
      /data\/derived\/hotspots_city\.json: at events\.n\.3: .*/,
    );
  });
});
