/**
 * DuckDB for the street-level pipeline: an in-memory database, CSV reads with every
 * option stated (never the sniffer's guess: on files where quoted fields are rare it
 * can pick no quote character and split "On or near High Road, Ickenham" in two),
 * and engine errors turned into the pipeline's DataError naming the file.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError } from './errors.ts';

export interface Duck {
  con: DuckDBConnection;
  /** Another connection to the same database, for statements run side by side (closed with the database). */
  connect(): Promise<DuckDBConnection>;
  /** Runs a statement; an engine error becomes a DataError that starts with `context`. */
  run(sql: string, context?: string): Promise<void>;
  /** Rows as plain objects (BIGINT as number: every count here is far below 2^53). */
  rows<T extends object>(sql: string, context?: string): Promise<T[]>;
  close(): void;
}

/** SQL string literal. */
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * A read_csv() call for one file or several (in that order) with `width` columns named c0, c1, …, all text,
 * RFC 4180 quoting, the header line skipped (the caller reads and checks it), the
 * file name in a column `filename`. Nothing is sniffed; `strict_mode` makes a row
 * with the wrong number of fields an error instead of a guess. Empty fields are NULL.
 */
export function readCsvSql(files: string | string[], width: number, extra = ''): string {
  const columns = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const list = Array.isArray(files) ? `[${files.map(lit).join(', ')}]` : lit(files);
  return `read_csv(${list}, header = false, skip = 1, auto_detect = false, columns = {${columns}}, delim = ',', quote = '"', escape = '"', filename = true, strict_mode = true, null_padding = false${extra ? `, ${extra}` : ''})`;
}

/** "CSV Error on Line: 4" in a DuckDB message → 4. */
export function duckErrorLine(message: string): number | null {
  const m = /CSV Error on Line: (\d+)/.exec(message);
  return m ? Number(m[1]) : null;
}

function toPlain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  return v;
}

/**
 * An in-memory database that spills to a temporary folder beyond `memoryLimit`, so
 * inputs larger than memory (an all-forces archive) aggregate within a fixed budget.
 */
export async function openDuck(opts: { memoryLimit?: string; threads?: number } = {}): Promise<Duck> {
  const db = await DuckDBInstance.create(':memory:', {
    threads: String(opts.threads ?? Math.max(1, Math.min(availableParallelism(), 4))),
    preserve_insertion_order: 'true',
    memory_limit: opts.memoryLimit ?? process.env.LCA_DUCK_MEMORY ?? '1200MB',
    temp_directory: join(tmpdir(), `lca-duck-${process.pid}`),
  });
  const con = await db.connect();
  const wrap = (e: unknown, context?: string) => {
    const msg = (e as Error).message ?? String(e);
    return new DataError(`${context ? `${context}: ` : ''}${msg.split('\n').filter(Boolean).slice(0, 6).join(' ')}`);
  };
  /** LCA_SQL_TIMING=1 prints each statement's time (for profiling the pipeline). */
  const timing = process.env.LCA_SQL_TIMING === '1';
  const timed = async <T>(sql: string, f: () => Promise<T>): Promise<T> => {
    if (!timing) return f();
    const t = performance.now();
    const out = await f();
    console.error(`${(performance.now() - t).toFixed(0).padStart(6)} ms  ${sql.replace(/\s+/g, ' ').slice(0, 110)}`);
    return out;
  };
  const extra: DuckDBConnection[] = [];
  return {
    con,
    async connect() {
      const c = await db.connect();
      extra.push(c);
      return c;
    },
    async run(sql, context) {
      try {
        await timed(sql, () => con.run(sql));
      } catch (e) {
        throw wrap(e, context);
      }
    },
    async rows<T extends object>(sql: string, context?: string): Promise<T[]> {
      try {
        const r = await timed(sql, () => con.run(sql));
        const names = r.columnNames();
        const out: T[] = [];
        for (const row of await timed('  (fetch)', () => r.getRows())) {
          const o: Record<string, unknown> = {};
          names.forEach((n, i) => (o[n] = toPlain(row[i])));
          out.push(o as T);
        }
        return out;
      } catch (e) {
        throw wrap(e, context);
      }
    },
    close() {
      for (const c of extra) c.closeSync();
      con.closeSync();
      db.closeSync();
    },
  };
}
