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
import type { Topology, GeometryCollection } from 'topojson-specification';
import { analyse, boroughOfIncident, guessMapping, incidentRow, INCIDENT_COLUMNS, isSynthetic, readIncidents, applyFilter, type Cell, type Incident, type IstvAnalysis, type IstvFilter, type Mapping, type PoliceMonthly, type ReadResult } from '../lib/istv.ts';
import { parseCsvText } from '../lib/istv-file.ts';
import { bngToWgs84 } from '../lib/bng.ts';
import { toCsv } from '../lib/csv.ts';

export type IstvRequest =
  | { type: 'init'; boroughsUrl: string; policeUrl: string }
  | { type: 'file'; file: File }
  | { type: 'analyse'; seq: number; mapping: Mapping; filter: IstvFilter }
  | { type: 'export'; seq: number; kind: 'rows' | 'rejected' }
  | { type: 'forget' };

export type IstvReply =
  | { type: 'header'; file: string; header: string[]; sample: string[][]; rows: number; guess: Mapping; synthetic: boolean; ms: number }
  | { type: 'result'; seq: number; analysis: IstvAnalysis; ms: number }
  | { type: 'export'; seq: number; csv: string }
  | { type: 'error'; seq: number; message: string };

const reply = (r: IstvReply) => (self as unknown as Worker).postMessage(r);

let ctx: Promise<{ boroughOf: (x: Incident) => string | null; police: PoliceMonthly }> | undefined;
let file: { name: string; header: string[]; rows: Cell[][]; synthetic: boolean } | null = null;
let read: { key: string; r: ReadResult } | null = null;
let lastFilter: IstvFilter = {};

async function loadContext(boroughsUrl: string, policeUrl: string) {
  const [topo, police] = await Promise.all([fetch(boroughsUrl).then((r) => r.json() as Promise<Topology>), fetch(policeUrl).then((r) => r.json() as Promise<PoliceMonthly>)]);
  const fs = (feature(topo, topo.objects.boroughs as GeometryCollection) as unknown as FeatureCollection).features;
  const where = (lon: number, lat: number) => (fs.find((f) => geoContains(f, [lon, lat]))?.properties as { code?: string } | undefined)?.code ?? null;
  return { boroughOf: boroughOfIncident(where, police), police };
}

async function readFile(f: File): Promise<{ header: string[]; rows: Cell[][] }> {
  const head = new Uint8Array(await f.slice(0, 4).arrayBuffer());
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  if (zip || /\.xlsx$/i.test(f.name)) {
    if (!zip) throw new Error(`${f.name}: the name ends in .xlsx but the file is not a workbook.`);
    // Loaded only when a workbook is chosen.
    const { readSheet } = await import('read-excel-file/web-worker');
    const data = (await readSheet(f)) as Cell[][];
    if (!data.length) throw new Error(`${f.name}: the first sheet is empty; expected a header row and one row per attendance.`);
    return { header: data[0]!.map((h) => String(h ?? '').trim()), rows: data.slice(1) };
  }
  return parseCsvText(await f.text(), f.name);
}

self.onmessage = async (e: MessageEvent<IstvRequest>) => {
  const m = e.data;
  const seq = 'seq' in m ? m.seq : 0;
  try {
    if (m.type === 'init') {
      ctx = loadContext(m.boroughsUrl, m.policeUrl);
      return;
    }
    if (m.type === 'forget') {
      file = null;
      read = null;
      return;
    }
    if (m.type === 'file') {
      const t0 = performance.now();
      const { header, rows } = await readFile(m.file);
      file = { name: m.file.name, header, rows, synthetic: isSynthetic(header, rows) };
      read = null;
      reply({ type: 'header', file: m.file.name, header, sample: rows.slice(0, 3).map((r) => header.map((_, i) => String(r[i] ?? '').slice(0, 60))), rows: rows.length, guess: guessMapping(header), synthetic: file.synthetic, ms: performance.now() - t0 });
      return;
    }
    if (!file) throw new Error('No file has been read.');
    if (m.type === 'export') {
      const r = read!.r;
      reply({ type: 'export', seq, csv: m.kind === 'rows' ? toCsv([...INCIDENT_COLUMNS], applyFilter(r.incidents, lastFilter).map(incidentRow)) : toCsv(['line', 'reason'], r.rejected.map((x) => [x.line, x.reason])) });
      return;
    }
    const t0 = performance.now();
    const key = JSON.stringify(m.mapping);
    if (!read || read.key !== key) read = { key, r: readIncidents(file.rows, m.mapping, bngToWgs84) };
    const c = await ctx;
    lastFilter = m.filter;
    const analysis = analyse(read.r, { file: file.name, synthetic: file.synthetic }, m.filter, c?.boroughOf, c?.police);
    reply({ type: 'result', seq, analysis, ms: performance.now() - t0 });
  } catch (err) {
    reply({ type: 'error', seq, message: (err as Error).message });
  }
};
