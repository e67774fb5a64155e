/**
 * src/lib/farrington.ts against R's surveillance::farringtonFlexible on real series: the
 * fixture was written by scripts/r/farrington-reference.R (its header names the package
 * version and the parameters, which must be the site's). Tolerances: expected counts and
 * limits to 1e-6 of their value, the dispersion to 1e-6, tail probabilities to 1e-7; the trend
 * decision and every alarm exactly. The package alarms on rises only: its lower limit is
 * derived in the script from the same interval.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { FARRINGTON, farringtonAt, historyNeeded } from '../../src/lib/farrington.ts';

const FIXTURE = 'tests/fixtures/farrington/reference.csv';
const text = readFileSync(FIXTURE, 'utf8');
const header = text.split('\n')[0]!;
const reference: Record<string, string>[] = parse(text, { columns: true, comment: '#', skip_empty_lines: true });

// An independent reader of the series: the derived file's cells, by borough name and minor category.
const monthly: string[][] = parse(readFileSync('data/derived/mps_borough_monthly.csv', 'utf8'), { columns: false });
const months = monthly[0]!.filter((c) => /^\d{4}-\d{2}$/.test(c));
const first = monthly[0]!.indexOf(months[0]!);
const seriesOf = (area: string, minor: string) =>
  monthly
    .find((r) => r[1] === area && r[4] === minor)!
    .slice(first)
    .map(Number);

const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

describe('the Farrington method against R (surveillance::farringtonFlexible)', () => {
  it('runs with the parameters the reference was made with', () => {
    const o = FARRINGTON;
    expect(header).toContain(
      `b=${o.b} w=${o.w} noPeriods=${o.noPeriods} alpha=${o.alpha} weightsThreshold=${o.weightsThreshold} pThresholdTrend=${o.pThresholdTrend} limit54=${o.limit54.join(',')} powertrans=2/3 thresholdMethod=delta`,
    );
    expect(reference.length).toBeGreaterThan(500);
  });

  it("gives R's expected count, limits, dispersion, trend, tail probability and alarm for every month of six real series", () => {
    let compared = 0;
    let alarms = 0;
    for (const r of reference) {
      const y = seriesOf(r.area!, r.minor!);
      const k = Number(r.index) - 1;
      expect(months[k]).toBe(r.month);
      expect(y[k]).toBe(Number(r.observed));
      const got = farringtonAt(y, k)!;
      const where = `${r.area} ${r.minor} ${r.month}`;
      expect(got, where).not.toBeNull();
      // R leaves the expected count and the limits empty where the minimum-count rule applies.
      if (r.expected === '') expect(got.enough, where).toBe(false);
      else {
        expect(got.enough, where).toBe(true);
        expect(close(got.expected, Number(r.expected), 1e-6), `${where} expected ${got.expected} R ${r.expected}`).toBe(
          true,
        );
        expect(close(got.upper, Number(r.upper), 1e-6), `${where} upper ${got.upper} R ${r.upper}`).toBe(true);
        expect(close(got.lower, Number(r.lower), 1e-6), `${where} lower ${got.lower} R ${r.lower}`).toBe(true);
        compared++;
      }
      expect(close(got.phi, Number(r.phi), 1e-6), `${where} phi ${got.phi} R ${r.phi}`).toBe(true);
      expect(got.trend, `${where} trend`).toBe(r.trend === '1');
      expect(Math.abs(got.pRise - Number(r.pvalue)), `${where} p ${got.pRise} R ${r.pvalue}`).toBeLessThan(1e-7);
      expect(got.flag === 'rise', `${where} alarm`).toBe(r.alarm === '1');
      if (r.alarm === '1') alarms++;
    }
    expect(compared).toBeGreaterThan(500);
    expect(alarms).toBeGreaterThan(10);
  });
});

describe('the Farrington method on hand-made series', () => {
  const flat = (n: number, v: number) => Array.from({ length: n }, (_, i) => v + ((i * 7) % 5) - 2);
  const k = historyNeeded(FARRINGTON) + 12;

  it('flags a count far above its history as a rise, one far below as a fall, and one in range as neither', () => {
    const y = flat(k + 1, 100);
    expect(farringtonAt(y, k)!.flag).toBeNull();
    expect(farringtonAt(y.with(k, 200), k)!.flag).toBe('rise');
    expect(farringtonAt(y.with(k, 30), k)!.flag).toBe('fall');
    const r = farringtonAt(y, k)!;
    expect(r.lower).toBeLessThan(r.expected);
    expect(r.upper).toBeGreaterThan(r.expected);
  });

  it('flags nothing on tiny counts (the minimum-count rule), nor on a series too short or all zeros', () => {
    // A crime every six months, then four in the month tested: far above its history, but four in four months.
    const tiny = Array.from({ length: k + 1 }, (_, i): number => (i % 6 === 0 && i < k - 3 ? 1 : 0)).with(k, 4);
    const r = farringtonAt(tiny, k)!;
    expect(r.observed).toBeGreaterThan(r.upper);
    expect(r.enough).toBe(false);
    expect(r.flag).toBeNull();
    // The same month with one more crime in the months before it is flagged.
    expect(farringtonAt(tiny.with(k - 1, 1), k)!.flag).toBe('rise');
    expect(farringtonAt(flat(20, 100), 19)).toBeNull();
    const zeros = Array.from({ length: k + 1 }, () => 0);
    expect(farringtonAt(zeros, k)!.flag).toBeNull();
    // A crime type appearing from nothing: R's farringtonFlexible alarms too (upper limit 0.0027).
    expect(farringtonAt(zeros.with(k - 1, 3).with(k, 6), k)).toMatchObject({ expected: 0, upper: 0, flag: 'rise' });
    // One of the latest four months unpublished: no flag (R's count of them is NA).
    const gap: (number | null)[] = flat(k + 1, 100).with(k, 300);
    expect(farringtonAt(gap, k)!.flag).toBe('rise');
    expect(farringtonAt(gap.with(k - 2, null), k)!.flag).toBeNull();
  });

  it('leaves unpublished months out of the baseline, and tests no unpublished month', () => {
    const y: (number | null)[] = flat(k + 1, 100);
    expect(farringtonAt(y.with(k, null), k)).toBeNull();
    const gaps = y.map((v, i) => (i % 12 === 3 ? null : v));
    expect(farringtonAt(gaps, k)!.expected).toBeCloseTo(farringtonAt(y, k)!.expected, 0);
  });

  it("with the model's own dispersion ('glm'), the interval is the same model's, wider where the package's is narrower", () => {
    const y = seriesOf('Croydon', 'VIOLENCE WITH INJURY');
    const k = y.length - 1;
    const pkg = farringtonAt(y, k)!;
    const own = farringtonAt(y, k, { ...FARRINGTON, scale: 'glm' })!;
    expect(own.expected).toBeCloseTo(pkg.expected, 6);
    expect(own.phi).toBeCloseTo(pkg.phi, 9);
    expect(own.upper).toBeGreaterThan(pkg.upper);
  });
});
