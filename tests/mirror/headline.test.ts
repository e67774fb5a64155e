/**
 * The home page's headline figures against a direct computation from the raw MPS
 * borough files (found through the source registry, so a refreshed release is read
 * the same way), with csv-parse and plain sums.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { changeByGroup, monthlyTotals } from '../../src/lib/crime.ts';
import { loadCrime } from '../../src/data/crime.ts';
import { source } from '../../scripts/sources.ts';
import { mirrorDir } from './mirror.ts';

/** Sums month columns of a raw MPS wide file directly: { 'YYYYMM': { major: total } }. */
function rawTotals(path: string): Map<string, Map<string, number>> {
  const rows = parse<Record<string, string>>(readFileSync(path), { columns: true, bom: true });
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const major = r.majortext ?? r.MajorText!;
    for (const [k, v] of Object.entries(r)) {
      if (!/^\d{6}$/.test(k)) continue;
      const m = out.get(k) ?? new Map<string, number>();
      m.set(major, (m.get(major) ?? 0) + Number(v));
      out.set(k, m);
    }
  }
  return out;
}

describe('headline figures equal a direct computation from the MPS files', () => {
  const dir = mirrorDir();
  const recent = rawTotals(join(dir, source('mps-borough-recent').path));
  const hist = rawTotals(join(dir, source('mps-borough-historic').path));
  const months = [...recent.keys()].sort();

  it('latest and previous 12 months, total and by group', () => {
    const last12 = months.slice(-12);
    const prev12 = months.slice(-24, -12);
    const sumMonths = (ms: string[]) => {
      const by = new Map<string, number>();
      for (const m of ms) for (const [g, v] of (recent.get(m) ?? hist.get(m))!) by.set(g, (by.get(g) ?? 0) + v);
      return by;
    };
    const latest = sumMonths(last12);
    const previous = sumMonths(
      prev12.length === 12
        ? prev12
        : [...hist.keys()]
            .filter((m) => m < last12[0]!)
            .sort()
            .slice(-(12 - prev12.length))
            .concat(prev12),
    );
    const ch = changeByGroup(loadCrime());
    expect(ch.latest[1]).toBe(`${months.at(-1)!.slice(0, 4)}-${months.at(-1)!.slice(4)}`);
    expect(ch.total.latest).toBe([...latest.values()].reduce((a, b) => a + b, 0));
    expect(ch.total.previous).toBe([...previous.values()].reduce((a, b) => a + b, 0));
    for (const g of ch.groups) {
      expect(g.latest, g.group).toBe(latest.get(g.group));
      expect(g.previous, g.group).toBe(previous.get(g.group));
    }
  });

  it('every monthly total of the series, the newer release winning where the two overlap', () => {
    const direct = new Map<string, number>();
    for (const src of [hist, recent])
      for (const [m, g] of src)
        direct.set(
          `${m.slice(0, 4)}-${m.slice(4)}`,
          [...g.values()].reduce((a, b) => a + b, 0),
        );
    for (const t of monthlyTotals(loadCrime())) expect(t.total, t.month).toBe(direct.get(t.month));
  });
});
