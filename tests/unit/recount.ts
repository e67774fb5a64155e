/**
 * An independent reader of the derived MPS series for the tests: csv-parse and plain
 * loops, none of the site's own code, so that expected values come from the data and
 * a new month of data does not break a test.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export const csvRows = (f: string) =>
  parse<Record<string, string>>(readFileSync(`data/derived/${f}`), { columns: true });

export function mpsSeries() {
  const rows = csvRows('mps_borough_monthly.csv');
  const months = Object.keys(rows[0]!).filter((k) => /^\d{4}-\d{2}$/.test(k));
  const total = (m: string, pred: (r: Record<string, string>) => boolean = () => true) =>
    rows.filter(pred).reduce((a, r) => a + Number(r[m]), 0);
  const sum = (ms: string[], pred?: (r: Record<string, string>) => boolean) =>
    ms.reduce((a, m) => a + total(m, pred), 0);
  const latest = months.at(-1)!;
  const last12 = months.slice(-12);
  const prev12 = months.slice(-24, -12);
  const population = new Map(csvRows('borough_population.csv').map((p) => [p.area_code!, Number(p.population)]));
  const boroughs = [...new Set(rows.filter((r) => r.area_kind === 'borough').map((r) => r.area_code!))];
  const boroughRate = (code: string) => (sum(last12, (r) => r.area_code === code) / population.get(code)!) * 1000;
  return { rows, months, latest, last12, prev12, total, sum, population, boroughs, boroughRate };
}
