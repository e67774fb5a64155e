import { join } from 'node:path';
import { PFA_WORKBOOKS } from '../sources.ts';
import { inputRecord, sourcePath, type DeriveContext, type InputRecord } from './context.ts';
import { parsePfaWorkbook, readGroupMap, type PfaWorkbook } from './ons-pfa.ts';

const cache = new Map<string, Promise<{ books: PfaWorkbook[]; inputs: InputRecord[] }>>();

/** Parses the eight PFA workbooks once per run (three outputs share the result). */
export function parseAllPfa(ctx: DeriveContext): Promise<{ books: PfaWorkbook[]; inputs: InputRecord[] }> {
  const key = `${ctx.rawDir}\u0000${ctx.referenceDir}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const groups = readGroupMap(join(ctx.referenceDir, 'ons_offence_groups.csv'));
      const books: PfaWorkbook[] = [];
      const inputs: InputRecord[] = [];
      for (const [period] of PFA_WORKBOOKS) {
        const id = `ons-pfa-tables-${period}`;
        const file = sourcePath(ctx, id);
        const b = await parsePfaWorkbook(file, groups);
        if (b.periodEnd !== period)
          throw new Error(`${file}: the registry says year ending ${period}, the workbook says ${b.periodEnd}.`);
        books.push(b);
        inputs.push(
          await inputRecord(
            ctx,
            id,
            file,
            { rows_read: b.rowsRead, rows_used: b.rowsRead },
            {
              tables: 'P1 (numbers), P2 (% change), P3 (rates per 1,000 and population)',
              scope: b.scopeNote,
              cells_flagged: b.flagged,
              columns_not_used: b.skippedColumns,
            },
          ),
        );
      }
      return { books, inputs };
    })();
    cache.set(key, p);
  }
  return p;
}

/** Area names by code as the latest release spells them (footnote markers removed). */
export function latestNames(books: PfaWorkbook[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const b of [...books].sort((a, c) => (a.periodEnd < c.periodEnd ? -1 : 1)))
    for (const v of b.values) names.set(v.areaCode, v.areaName);
  return names;
}
