/**
 * The ISTV page's Web Worker: reads the partner's file (CSV, or the first sheet of an
 * xlsx workbook), keeps it in memory only, validates it under the chosen column mapping
 * and makes the analysis for each filter. The file's content is never sent anywhere:
 * the worker's only requests are for the site's own public files (the borough
 * boundaries and the police series), made before any file is read, and they carry
 * nothing from it.
 */
import { feature } from 'topojson-client';
import { geoContains } from 'd3-geo';
import type { FeatureCollection } from 'geojson';
import type { GeometryCollection } from 'topojson-specification';
import {
  analyse,
  boroughOfIncident,
  guessMapping,
  incidentRow,
  INCIDENT_COLUMNS,
  isSynthetic,
  readExtract,
  applyFilter,
  type AreaCentres,
  type Cell,
  type IstvAnalysis,
  type IstvFilter,
  type Mapping,
  type PoliceMonthly,
  type ReadResult,
} from '../lib/istv.ts';
import { checkColumns, parseCsvText } from '../lib/istv-file.ts';
import { bngToWgs84 } from '../lib/bng.ts';
import { toCsv } from '../lib/csv.ts';
import { serve } from './rpc.ts';
import { topologyFileSchema } from '../data/schema/topology.ts';
import { areaCentresSchema, policeMonthlySchema } from '../data/schema/violence.ts';

export type IstvRequest =
  | { type: 'init'; boroughsUrl: string; policeUrl: string; areaCentresUrl: string }
  | { type: 'file'; file: File; mine: boolean }
  | { type: 'analyse'; mapping: Mapping; merge: boolean; filter: IstvFilter }
  | { type: 'export'; kind: 'rows' | 'rejected' };

/** A file read: its columns, a sample of its rows and the mapping guessed from its header. */
export interface IstvHeader {
  file: string;
  header: string[];
  sample: string[][];
  rows: number;
  guess: Mapping;
  synthetic: boolean;
  ms: number;
}
export interface IstvResult {
  analysis: IstvAnalysis;
  ms: number;
  /** what could not be used for the analysis, in words (the area centres) */
  problems: string[];
}

interface Context {
  where: (lon: number, lat: number) => string | null;
  police: PoliceMonthly;
  /**
   * the areas' centres and boroughs, read with the boundaries and the police series, before any
   * file is chosen: a request made after, or only for a file with area codes, would tell the site
   * something of the file
   */
  centres: Promise<AreaCentres>;
}
let ctx: Promise<Context> | undefined;
let file: { name: string; header: string[]; rows: Cell[][]; synthetic: boolean; mine: boolean } | null = null;
let read: { key: string; r: ReadResult } | null = null;
let lastFilter: IstvFilter = {};
/** Files asked to be read, counted: a read overtaken by a later one (they run at once) does not replace it. */
let reads = 0;

async function loadContext(boroughsUrl: string, policeUrl: string, areaCentresUrl: string): Promise<Context> {
  const get = async (url: string) => {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return r.json() as Promise<unknown>;
  };
  // All three at once, before any file; a failure of the centres is met (and said) by the analysis that needs them.
  const centres = get(areaCentresUrl).then((v) => areaCentresSchema.parse(v));
  centres.catch(() => undefined);
  const [t, p] = await Promise.all([get(boroughsUrl), get(policeUrl)]);
  const topo = topologyFileSchema.parse(t);
  const police: PoliceMonthly = policeMonthlySchema.parse(p);
  const fs = (feature(topo, topo.objects.boroughs as GeometryCollection) as unknown as FeatureCollection).features;
  const where = (lon: number, lat: number) =>
    (fs.find((f) => geoContains(f, [lon, lat]))?.properties as { code?: string } | undefined)?.code ?? null;
  return { where, police, centres };
}

async function readFile(f: File): Promise<{ header: string[]; rows: Cell[][] }> {
  const head = new Uint8Array(await f.slice(0, 4).arrayBuffer());
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  if (zip || /\.xlsx$/i.test(f.name)) {
    if (!zip) throw new Error(`${f.name}: the name ends in .xlsx but the file is not a workbook.`);
    // Loaded only when a workbook is chosen.
    const { readSheet } = await import('read-excel-file/web-worker');
    const data = (await readSheet(f)) as Cell[][];
    if (!data.length)
      throw new Error(`${f.name}: the first sheet is empty; expected a header row and one row per attendance.`);
    checkColumns(data[0]!, f.name);
    return { header: data[0]!.map((h) => String(h ?? '').trim()), rows: data.slice(1) };
  }
  return parseCsvText(await f.text(), f.name);
}

type Req<T extends IstvRequest['type']> = Extract<IstvRequest, { type: T }>;

serve({
  init: (m: Req<'init'>) => void (ctx = loadContext(m.boroughsUrl, m.policeUrl, m.areaCentresUrl)),
  file: async (m: Req<'file'>): Promise<IstvHeader> => {
    const t0 = performance.now();
    const mine = ++reads;
    const { header, rows } = await readFile(m.file);
    if (mine !== reads) throw new Error(`${m.file.name}: another file was chosen while this one was read.`);
    file = { name: m.file.name, header, rows, synthetic: isSynthetic(header, rows), mine: m.mine };
    read = null;
    const sample = rows.slice(0, 3).map((r) => header.map((_, i) => String(r[i] ?? '').slice(0, 60)));
    return {
      file: m.file.name,
      header,
      sample,
      rows: rows.length,
      guess: guessMapping(header),
      synthetic: file.synthetic,
      ms: performance.now() - t0,
    };
  },
  export: (m: Req<'export'>): string => {
    if (!file || !read) throw new Error('No file has been read.');
    const r = read.r;
    if (m.kind === 'rows') return toCsv([...INCIDENT_COLUMNS], applyFilter(r.incidents, lastFilter).map(incidentRow));
    return toCsv(
      ['line', 'reason'],
      r.rejected.map((x) => [x.line, x.reason]),
    );
  },
  analyse: async (m: Req<'analyse'>): Promise<IstvResult> => {
    // This analysis's file and reading: a file read meanwhile (while the context below is awaited) replaces the worker's, not these.
    const f = file;
    if (!f) throw new Error('No file has been read.');
    const t0 = performance.now();
    const key = JSON.stringify([m.mapping, m.merge]);
    if (!read || read.key !== key) read = { key, r: readExtract(f.rows, m.mapping, bngToWgs84, m.merge) };
    const here = read;
    const c = await ctx;
    lastFilter = m.filter;
    const problems: string[] = [];
    const centres = c
      ? await c.centres.catch((e: Error) => {
          problems.push(
            `the area centres could not be loaded (${e.message}), so rows with only an LSOA or ward code are not placed, and a file of codes has no map`,
          );
          return undefined;
        })
      : undefined;
    const analysis = analyse(
      here.r,
      { file: f.name, synthetic: f.synthetic },
      m.filter,
      c ? boroughOfIncident(c.where, c.police, centres) : undefined,
      c?.police,
      centres,
    );
    return { analysis, ms: performance.now() - t0, problems };
  },
});
