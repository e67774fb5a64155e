/** The street-level data sets: every record accounted for, and the page's analysis equal to the data. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, defaultOptions, eachEvent, type HotspotDataset } from '../../src/lib/hotspots/dataset.ts';

const derived = (f: string) => JSON.parse(readFileSync(`data/derived/${f}`, 'utf8'));
const index = derived('hotspots_index.json') as { datasets: { id: string; file: string; used: number; excluded: Record<string, number>; area: { code: string } }[]; spilledRecords: Record<string, number> };
const manifest = derived('manifest.json') as { outputs: { file: string; inputs: { source: string; path: string; rows_read: number; rows_used: number; rows_rejected: number }[] }[] };
const MIRROR = process.env.LCA_MIRROR ?? '../shared/data';

describe('street-level data sets', () => {
  it('publish the City and the 25 Met boroughs, each record counted once', () => {
    expect(index.datasets).toHaveLength(26);
    expect(index.datasets.filter((d) => d.id.startsWith('met-'))).toHaveLength(25);
    for (const e of index.datasets) {
      const d = derived(e.file) as HotspotDataset;
      let n = 0;
      eachEvent(d, (_m, _t, _p, c) => (n += c));
      expect(n, e.id).toBe(d.used);
      expect(d.used, e.id).toBe(e.used);
    }
  });

  it('rows in = rows used + rows rejected, file by file (City archive) and in total (Met API)', () => {
    const city = manifest.outputs.find((o) => o.file === 'hotspots_city.json')!;
    const archive = city.inputs.filter((i) => i.source === 'policeuk-street-city');
    expect(archive).toHaveLength(36);
    const read = archive.reduce((a, i) => a + i.rows_read, 0);
    expect(read).toBe(27_980); // MANIFEST: 27,980 crimes in the 36 City files
    const e = index.datasets.find((d) => d.id === 'city')!;
    expect(e.used + Object.values(e.excluded).reduce((a, b) => a + b, 0)).toBe(read);
    const api = manifest.outputs.find((o) => o.file === 'hotspots_index.json')!.inputs.filter((i) => i.source === 'policeuk-api-met');
    expect(api).toHaveLength(30);
    const apiRead = api.reduce((a, i) => a + i.rows_read, 0);
    expect(apiRead).toBe(1_830_104); // MANIFEST: 1,830,104 API records
    const apiUsed = api.reduce((a, i) => a + i.rows_used, 0);
    const published = index.datasets.filter((d) => d.id !== 'city').reduce((a, d) => a + d.used, 0);
    const spilled = Object.values(index.spilledRecords).reduce((a, b) => a + b, 0);
    expect(published + spilled).toBe(apiUsed);
    expect(apiUsed + api.reduce((a, i) => a + i.rows_rejected, 0)).toBe(apiRead);
  });

  it.skipIf(!existsSync(join(MIRROR, 'street_crime/city_of_london')))('the City counts equal a recount of the raw archive files by crime type', () => {
    const dir = join(MIRROR, 'street_crime/city_of_london');
    const byType = new Map<string, number>();
    let noLocation = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('-street.csv'))) {
      for (const line of readFileSync(join(dir, f), 'utf8').split(/\r?\n/).slice(1).filter(Boolean)) {
        const cells = line.split(','); // no quoted commas in these files' first ten columns
        if (cells[4] === '') noLocation++;
        else byType.set(cells[9]!, (byType.get(cells[9]!) ?? 0) + 1);
      }
    }
    const d = derived('hotspots_city.json') as HotspotDataset;
    const mine = new Map<string, number>();
    eachEvent(d, (_m, t, _p, n) => mine.set(d.types[t]!, (mine.get(d.types[t]!) ?? 0) + n));
    const outside = Object.values(d.excluded['outside the City of London (recorded by the City Police in a neighbouring borough)'] ?? {}).reduce((a, b) => a + b, 0);
    expect(Object.values(d.excluded[Object.keys(d.excluded).find((k) => k.startsWith('no location'))!]!).reduce((a, b) => a + b, 0)).toBe(noLocation);
    expect([...mine.values()].reduce((a, b) => a + b, 0) + outside).toBe([...byType.values()].reduce((a, b) => a + b, 0));
    for (const [t, n] of mine) expect(n, t).toBeLessThanOrEqual(byType.get(t)!);
  });

  it("the default analysis counts exactly the data set's crimes, and its streets add up", () => {
    const d = derived('hotspots_city.json') as HotspotDataset;
    const a = analyse(d, defaultOptions(d));
    let crimes = 0;
    eachEvent(d, (_m, t, _p, n) => d.isCrime[t] && (crimes += n));
    expect(a.n).toBe(crimes);
    expect(a.streets.reduce((s, x) => s + x.n, 0)).toBe(crimes);
    // Every crime lands in a grid cell of the study area.
    expect(a.counts.reduce((s, v) => s + v, 0)).toBe(crimes);
    expect(a.cellSize).toBeCloseTo(34.34, 2);
    expect(a.pai!.train).toEqual(['2023-04', '2024-03']);
    expect(a.pai!.test).toEqual(['2024-04', '2025-03']);
    expect(a.spaceTime!.periods).toHaveLength(12);
    expect(a.spaceTime!.periodMonths).toBe(3);
  });
});
