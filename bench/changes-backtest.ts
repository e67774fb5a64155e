/**
 * npm run bench:changes — the backtest of issue 28's detector (src/lib/farrington.ts, the site's
 * parameters): every month from the first with five years of history to the latest, as if it
 * were the latest, on every MPS borough series (borough × offence group, borough × subgroup) and
 * London's (London × group, summed over the boroughs), counting the months flagged as unusual
 * rises and falls, each at the nominal one-sided 1 %, and those of them with a Benjamini–Hochberg
 * q ≤ 0.05 across the month's tests (two-sided p). A calibrated detector flags
 * about its nominal rate in quiet years; March–May 2020 should flag falls. Writes
 * bench/changes-backtest.md.
 */
import { loadCrime } from '../src/data/crime.ts';
import { FARRINGTON, farringtonAt, historyNeeded } from '../src/lib/farrington.ts';
import { adjustBH } from '../src/lib/hotspots/stats.ts';
import { writeResults } from './harness.ts';

const crime = loadCrime();
type Kind = 'borough × group' | 'borough × subgroup' | 'London × group';
const series: { kind: Kind; counts: number[] }[] = [];
const add = (map: Map<string, number[]>, key: string, counts: number[]) => {
  const s = map.get(key);
  if (s) counts.forEach((c, i) => (s[i]! += c));
  else map.set(key, [...counts]);
};
const groups = new Map<string, number[]>();
const london = new Map<string, number[]>();
for (const r of crime.rows.filter((r) => r.areaKind === 'borough')) {
  series.push({ kind: 'borough × subgroup', counts: r.counts });
  add(groups, `${r.areaCode}|${r.major}`, r.counts);
  add(london, r.major, r.counts);
}
for (const counts of groups.values()) series.push({ kind: 'borough × group', counts });
for (const counts of london.values()) series.push({ kind: 'London × group', counts });

const KINDS: Kind[] = ['borough × group', 'borough × subgroup', 'London × group'];
interface MonthRow {
  month: string;
  tested: Record<Kind, number>;
  rises: Record<Kind, number>;
  falls: Record<Kind, number>;
  fdrRises: number;
  fdrFalls: number;
}
const zero = () => Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
const rows: MonthRow[] = [];
const t0 = performance.now();
let tests = 0;
for (let k = historyNeeded(FARRINGTON); k < crime.months.length; k++) {
  const row: MonthRow = {
    month: crime.months[k]!,
    tested: zero(),
    rises: zero(),
    falls: zero(),
    fdrRises: 0,
    fdrFalls: 0,
  };
  const p: number[] = [];
  const flags: ('rise' | 'fall' | null)[] = [];
  for (const s of series) {
    const r = farringtonAt(s.counts, k);
    if (!r?.enough) continue;
    tests++;
    row.tested[s.kind]++;
    if (r.flag === 'rise') row.rises[s.kind]++;
    if (r.flag === 'fall') row.falls[s.kind]++;
    p.push(Math.min(1, 2 * Math.min(r.pRise, r.pFall)));
    flags.push(r.flag);
  }
  const q = adjustBH(p);
  flags.forEach((f, i) => {
    if (q[i]! > 0.05) return;
    if (f === 'rise') row.fdrRises++;
    if (f === 'fall') row.fdrFalls++;
  });
  rows.push(row);
}
const seconds = (performance.now() - t0) / 1000;

// The same months with the weighted model's own dispersion for the prediction's error and the trend test.
const glm = { ...FARRINGTON, scale: 'glm' as const };
const glmByYear = new Map<string, { n: number; rises: number; falls: number }>();
for (let k = historyNeeded(FARRINGTON); k < crime.months.length; k++) {
  const y = crime.months[k]!.slice(0, 4);
  const acc = glmByYear.get(y) ?? { n: 0, rises: 0, falls: 0 };
  glmByYear.set(y, acc);
  for (const s of series) {
    const r = farringtonAt(s.counts, k, glm);
    if (!r?.enough) continue;
    acc.n++;
    if (r.flag === 'rise') acc.rises++;
    if (r.flag === 'fall') acc.falls++;
  }
}

const sum = (rs: MonthRow[], f: (r: MonthRow) => number) => rs.reduce((a, r) => a + f(r), 0);
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(2)} %` : '–');
const all = (r: Record<Kind, number>) => KINDS.reduce((a, k) => a + r[k], 0);
const years = [...new Set(rows.map((r) => r.month.slice(0, 4)))];
const lines = [
  '# Backtest of the unusual-change detector (issue 28)',
  '',
  `The improved Farrington method (src/lib/farrington.ts; b = ${FARRINGTON.b} years, w = ${FARRINGTON.w} month, ${FARRINGTON.noPeriods} seasonal levels, α = ${FARRINGTON.alpha} on each side, at least ${FARRINGTON.limit54[0]} crimes in the latest ${FARRINGTON.limit54[1]} months), run on every month from ${rows[0]!.month} to ${rows.at(-1)!.month} as if it were the latest, on ${series.length.toLocaleString('en-GB')} series of data/derived/mps_borough_monthly.csv: ${tests.toLocaleString('en-GB')} tests (months with enough crimes) in ${seconds.toFixed(1)} s. "Rises" and "falls": months beyond the upper or lower limit (nominal rate 1 % each if the model were right and nothing changed); "BH q ≤ 0.05": those of them whose Benjamini–Hochberg adjusted p (two-sided, across the month's tests) is at most 0.05 — not a false discovery rate held to 5 %: the p values come from a detector these rates show to flag more than its nominal rate, and the tests are nested (a subgroup, its group and London's group count the same crimes). The data are as the latest release has them: recent months are provisional, and subgroups that the Met reclassified start or stop within the period (a new subgroup's first months can flag as rises). Regenerate with \`npm run bench:changes\`.`,
  '',
  '## By year',
  '',
  "The last two columns: the same tests with the weighted model's own dispersion for the prediction's standard error and the trend test, where the package (and the site, to match it) uses Σ ω (y − μ)²/μ² over the residual degrees of freedom, which makes the interval narrower the larger the counts.",
  '',
  '| year | tests | rises | falls | rises, BH q ≤ 0.05 | falls, BH q ≤ 0.05 | rises, GLM dispersion | falls, GLM dispersion |',
  '|---|--:|--:|--:|--:|--:|--:|--:|',
  ...years.map((y) => {
    const rs = rows.filter((r) => r.month.startsWith(y));
    const n = sum(rs, (r) => all(r.tested));
    const g = glmByYear.get(y)!;
    return `| ${y} | ${n.toLocaleString('en-GB')} | ${pct(
      sum(rs, (r) => all(r.rises)),
      n,
    )} | ${pct(
      sum(rs, (r) => all(r.falls)),
      n,
    )} | ${sum(rs, (r) => r.fdrRises)} | ${sum(rs, (r) => r.fdrFalls)} | ${pct(g.rises, g.n)} | ${pct(g.falls, g.n)} |`;
  }),
  '',
  '## By kind of series (every month)',
  '',
  '| series | tests | rises | falls |',
  '|---|--:|--:|--:|',
  ...KINDS.map((k) => {
    const n = sum(rows, (r) => r.tested[k]);
    return `| ${k} | ${n.toLocaleString('en-GB')} | ${pct(
      sum(rows, (r) => r.rises[k]),
      n,
    )} | ${pct(
      sum(rows, (r) => r.falls[k]),
      n,
    )} |`;
  }),
  '',
  '## By month, 2019–2021 (the pandemic) and the latest 12 months',
  '',
  '| month | tests | rises | falls | rises, BH q ≤ 0.05 | falls, BH q ≤ 0.05 |',
  '|---|--:|--:|--:|--:|--:|',
  ...rows
    .filter((r, i) => /^(2019|2020|2021)/.test(r.month) || i >= rows.length - 12)
    .map((r) => {
      const n = all(r.tested);
      return `| ${r.month} | ${n} | ${all(r.rises)} (${pct(all(r.rises), n)}) | ${all(r.falls)} (${pct(all(r.falls), n)}) | ${r.fdrRises} | ${r.fdrFalls} |`;
    }),
  '',
];
writeResults('bench/changes-backtest.md', lines);
