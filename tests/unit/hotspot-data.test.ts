/** The street-level data sets as committed: every record accounted for, and the page's analysis equal to the data. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyse, defaultOptions, eachEvent, type HotspotDataset } from '../../src/lib/hotspots/dataset.ts';
import { explorerPageFacts } from '../../src/figures/explorer/build.ts';
import { EXPLORER_TABLE_ROWS } from '../../src/figures/explorer/state.ts';

const derived = (f: string): unknown => JSON.parse(readFileSync(`data/derived/${f}`, 'utf8'));
const index = derived('hotspots_index.json') as {
  datasets: {
    id: string;
    file: string;
    used: number;
    excluded: Record<string, number>;
    area: { code: string };
    network: string | null;
  }[];
  spilledRecords: Record<string, number>;
};
const manifest = derived('manifest.json') as {
  outputs: {
    file: string;
    inputs: {
      source: string;
      path: string;
      rows_read: number;
      rows_used: number;
      rows_rejected: number;
      rejected_reasons: Record<string, number>;
    }[];
  }[];
};

describe('street-level data sets', () => {
  it('publish the City and each covered Met borough, each record counted once', () => {
    expect(index.datasets.filter((d) => d.id === 'city')).toHaveLength(1);
    expect(index.datasets.filter((d) => d.id.startsWith('met-')).length).toBeGreaterThan(0);
    for (const e of index.datasets) {
      const d = derived(e.file) as HotspotDataset;
      let n = 0;
      eachEvent(d, (_m, _t, _p, c) => (n += c));
      expect(n, e.id).toBe(d.used);
      expect(d.used, e.id).toBe(e.used);
      expect(
        d.places.label.every((l) => l >= 0 && l < d.labels.name.length),
        e.id,
      ).toBe(true);
      expect(
        d.places.part.every((p) => p >= 0 && p < d.parts.code.length),
        e.id,
      ).toBe(true);
      if (d.network) {
        expect(d.network.snap.segment).toHaveLength(d.places.x.length);
        expect(d.network.segments.path).toHaveLength(d.network.segments.id.length);
        expect(d.network.stats.snapped + d.network.stats.unsnapped).toBe(d.places.x.length);
      }
    }
  });

  it('rows in = rows used + rows rejected, file by file, and the used rows are the published ones', () => {
    const city = manifest.outputs.find((o) => o.file === 'hotspots_city.json')!;
    const archive = city.inputs.filter((i) => i.source === 'policeuk-street-city');
    expect(archive.length).toBeGreaterThan(0);
    for (const i of archive) expect(i.rows_used + i.rows_rejected, i.path).toBe(i.rows_read);
    const e = index.datasets.find((d) => d.id === 'city')!;
    const read = archive.reduce((a, i) => a + i.rows_read, 0);
    expect(e.used + Object.values(e.excluded).reduce((a, b) => a + b, 0)).toBe(read);
    expect(archive.reduce((a, i) => a + i.rows_used, 0)).toBe(e.used);
    const api = manifest.outputs
      .find((o) => o.file === 'hotspots_index.json')!
      .inputs.filter((i) => i.source === 'policeuk-api-met');
    expect(api.length).toBeGreaterThan(0);
    for (const i of api) expect(i.rows_used + i.rows_rejected, i.path).toBe(i.rows_read);
    const published = index.datasets.filter((d) => d.id !== 'city').reduce((a, d) => a + d.used, 0);
    expect(api.reduce((a, i) => a + i.rows_used, 0)).toBe(published);
    // Records in boroughs the extract does not cover are rejected with that reason, and listed in the index.
    const spilled = Object.values(index.spilledRecords).reduce((a, b) => a + b, 0);
    expect(
      api.reduce(
        (a, i) =>
          a +
          (Object.entries(i.rejected_reasons).find(([k]) =>
            k.startsWith('in a borough the extract does not cover'),
          )?.[1] ?? 0),
        0,
      ),
    ).toBe(spilled);
  });

  it("the explorer page's counts: the Met records in all as the manifest's API inputs used, the default view as the City data set's records", () => {
    const facts = explorerPageFacts();
    const api = manifest.outputs
      .find((o) => o.file === 'hotspots_index.json')!
      .inputs.filter((i) => i.source === 'policeuk-api-met');
    expect(facts.metTotal).toBe(api.reduce((a, i) => a + i.rows_used, 0));
    expect(facts.met.map((o) => o.id)).toEqual(index.datasets.filter((d) => d.id.startsWith('met-')).map((d) => d.id));
    // The default view has every month of the City's records and every crime type (not anti-social behaviour);
    // each type's count is of the records that pass the other filters, as if that type were chosen.
    const city = derived('hotspots_city.json') as HotspotDataset;
    let records = 0;
    let crimes = 0;
    eachEvent(city, (_m, t, _p, n) => {
      records += n;
      if (city.isCrime[t]) crimes += n;
    });
    expect(facts.counts.total).toBe(crimes);
    expect(facts.counts.byType.reduce((a, b) => a + b, 0)).toBe(records);
    // The table's first rows: as many as it shows, crimes only, oldest month first, starting in the data set's first month.
    expect(facts.firstRows).toHaveLength(Math.min(EXPLORER_TABLE_ROWS, crimes));
    expect(
      facts.firstRows.every((row) => city.types.indexOf(row.type) >= 0 && city.isCrime[city.types.indexOf(row.type)]),
    ).toBe(true);
    expect(facts.firstRows.map((row) => row.month)).toEqual(facts.firstRows.map((row) => row.month).sort());
    expect(facts.firstRows[0]!.month).toBe(city.months[0]);
  });

  it("the default analysis counts exactly the data set's crimes; streets, places and cells add up", () => {
    const d = derived('hotspots_city.json') as HotspotDataset;
    const a = analyse(d, defaultOptions(d));
    let crimes = 0;
    eachEvent(d, (_m, t, _p, n) => d.isCrime[t] && (crimes += n));
    expect(a.n).toBe(crimes);
    expect(a.streets.reduce((s, x) => s + x.n, 0) + a.notStreets.reduce((s, x) => s + x.n, 0)).toBe(crimes);
    expect(a.streets.every((s) => s.kind === 'street')).toBe(true);
    // Every crime lands in a grid cell of the study area.
    expect(a.counts.reduce((s, v) => s + v, 0)).toBe(crimes);
    // Every crime lands on a segment or is counted as unsnapped.
    expect(a.segments!.snappedRecords + a.segments!.unsnappedRecords).toBe(crimes);
    expect(a.segments!.counts.reduce((s, c) => s + c.n, 0)).toBe(a.segments!.snappedRecords);
    // PAI: the last 12 months test, the 12 before train; space-time periods by sfhotspot's rule.
    expect(a.pai!.test).toEqual([d.months.at(-12), d.months.at(-1)]);
    expect(a.pai!.train).toEqual([d.months.at(-24), d.months.at(-13)]);
  });
});
