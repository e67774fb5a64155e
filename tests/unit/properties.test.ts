/**
 * Properties (fast-check) of the CSV writer and readers and of the aggregations the
 * figures rest on: what is written is read back unchanged, by the site's data layer and
 * by the pipeline's streaming reader at any chunking of the bytes; totals are conserved
 * whatever the order of the input and however its counts are split into rows.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvCell, looksLikeFormula, toCsv } from '../../src/lib/csv.ts';
import { parseCsv } from '../../src/data/read.ts';
import { number, text } from '../../src/data/schema/cells.ts';
import { readCsv } from '../../scripts/lib/csv.ts';
import { monthlyTotals, rolling12, type CrimeSeries } from '../../src/lib/crime.ts';
import { cellOf, countInCells, makeGrid } from '../../src/lib/hotspots/grid.ts';

const RUNS = 200;
/** Text cells: anything, commas, quotes, line breaks and non-ASCII included. */
const cellText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(',', '"', '\n', '\r\n', ' ', '£', 'é', '−', '=', '+', '-', '@'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});
/** Numbers as the writer keeps them: integers, or decimals to 6 places. */
const cellNumber = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => Number(x.toFixed(6))),
);
const table = fc.array(fc.tuple(cellText, cellNumber), { minLength: 1, maxLength: 30 });
/** What a text cell reads back as: itself, or with the apostrophe that disarms a formula. */
const readBack = (s: string) => (looksLikeFormula(s) ? `'${s}` : s);

describe('properties: CSV written by the one writer and read back', () => {
  it('the data layer reads back every row, text and number, as written', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const out = parseCsv<{ name: string; value: number }>('property.csv', toCsv(['name', 'value'], rows), {
          columns: { name: text, value: number },
        });
        expect(out.rows).toEqual(rows.map(([s, n]) => ({ name: readBack(s), value: n === 0 ? 0 : n })));
      }),
      { numRuns: RUNS },
    );
  });

  it("the pipeline's streaming reader gives every record, on the file's own line, at any chunk size, whatever the line endings (LF, CRLF, mixed), blank lines and BOM; a broken last record is named on its line", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lca-prop-'));
    let k = 0;
    const layout = fc.array(fc.record({ end: fc.constantFrom('\n', '\r\n'), blanks: fc.nat({ max: 2 }) }), {
      minLength: 32,
      maxLength: 32,
    });
    await fc.assert(
      fc.asyncProperty(
        table,
        layout,
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        fc.boolean(),
        async (rows, ends, chunkSize, bom, broken) => {
          // Written line by line: each record its own line ending, some preceded by blank lines.
          const records = [['name', 'value'], ...rows].map((r) => r.map(csvCell).join(','));
          let body = bom ? '\uFEFF' : '';
          const expected: number[] = [];
          let line = 0;
          records.forEach((text, i) => {
            const { end, blanks } = ends[i % ends.length]!;
            if (i > 0) {
              body += end.repeat(blanks);
              line += blanks;
            }
            body += text + end;
            line += 1 + (text.match(/\n/g) ?? []).length;
            if (i > 0) expected.push(line);
          });
          if (broken) body += 'only-one-field\n';
          const file = join(dir, `p${k++}.csv`);
          writeFileSync(file, body);
          const got: { line: number; name: string; value: string }[] = [];
          const read = async (size?: number) => {
            const out: typeof got = [];
            for await (const r of readCsv(file, size ? { chunkSize: size } : {}))
              out.push({ line: r.line, name: r.cells.name!, value: r.cells.value! });
            return out;
          };
          if (broken) {
            await expect(read(chunkSize)).rejects.toThrow(
              new RegExp(`p${k - 1}\\.csv:${line + 1}: not a valid CSV record`),
            );
            return;
          }
          got.push(...(await read(chunkSize)));
          expect(got).toEqual(await read());
          expect(got.map((g) => [g.name, Number(g.value)])).toEqual(
            rows.map(([s, n]) => [readBack(s), n === 0 ? 0 : n]),
          );
          expect(got.map((g) => g.line)).toEqual(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('properties: totals conserved', () => {
  const months = Array.from(
    { length: 30 },
    (_, i) => `20${String(20 + Math.floor(i / 12))}-${String((i % 12) + 1).padStart(2, '0')}`,
  );
  const series = fc.array(fc.array(fc.nat({ max: 5000 }), { minLength: months.length, maxLength: months.length }), {
    minLength: 1,
    maxLength: 12,
  });
  const asSeries = (counts: number[][]): CrimeSeries => ({
    months,
    rows: counts.map((c, i) => ({
      areaCode: `A${i % 3}`,
      areaName: `Area ${i % 3}`,
      areaKind: 'borough',
      major: `M${i}`,
      minor: `m${i}`,
      counts: c,
    })),
  });

  it('monthly totals are the column sums, whatever the order of the rows and however a row is split in two', () => {
    fc.assert(
      fc.property(series, fc.nat(), fc.nat(), (counts, seed, at) => {
        const totals = monthlyTotals(asSeries(counts)).map((t) => t.total);
        expect(totals).toEqual(months.map((_, j) => counts.reduce((a, r) => a + r[j]!, 0)));
        const shuffled = [...counts].sort(
          (a, b) => ((a[seed % months.length]! * 31 + seed) % 97) - ((b[seed % months.length]! * 31 + seed) % 97),
        );
        expect(monthlyTotals(asSeries(shuffled)).map((t) => t.total)).toEqual(totals);
        const i = at % counts.length;
        const half = counts[i]!.map((c) => Math.floor(c / 2));
        const split = [...counts.slice(0, i), half, counts[i]!.map((c, j) => c - half[j]!), ...counts.slice(i + 1)];
        expect(monthlyTotals(asSeries(split)).map((t) => t.total)).toEqual(totals);
      }),
      { numRuns: RUNS },
    );
  });

  it('each rolling 12-month total is the sum of the 12 monthly totals to it', () => {
    fc.assert(
      fc.property(series, (counts) => {
        const totals = monthlyTotals(asSeries(counts));
        const r = rolling12(totals);
        expect(r).toHaveLength(months.length - 11);
        r.forEach((x, i) => expect(x.rolling).toBe(totals.slice(i, i + 12).reduce((a, t) => a + t.total, 0)));
      }),
      { numRuns: RUNS },
    );
  });

  it('points counted into grid cells: the cells hold every point inside the grid, whatever their order', () => {
    const pt = fc.tuple(
      fc.double({ min: -50, max: 1050, noNaN: true }),
      fc.double({ min: -50, max: 1050, noNaN: true }),
      fc.integer({ min: 1, max: 3 }),
    );
    fc.assert(
      fc.property(fc.array(pt, { maxLength: 200 }), fc.integer({ min: 20, max: 400 }), (pts, size) => {
        const g = makeGrid([0, 0, 1000, 1000], size, (x, y) => x + y < 1600);
        const as = (ps: typeof pts) => ({
          x: Float64Array.from(ps.map((p) => p[0])),
          y: Float64Array.from(ps.map((p) => p[1])),
          w: Float64Array.from(ps.map((p) => p[2])),
        });
        const cells = countInCells(g, as(pts));
        const inside = pts.filter((p) => cellOf(g, p[0], p[1]) >= 0).reduce((a, p) => a + p[2], 0);
        expect(cells.reduce((a, c) => a + c, 0)).toBe(inside);
        expect(Array.from(countInCells(g, as([...pts].reverse())))).toEqual(Array.from(cells));
      }),
      { numRuns: RUNS },
    );
  });
});
