/**
 * The incident explorer's engine: street-level records (data.police.uk) held as typed
 * arrays, one row per record, and filtered on five dimensions at once — month, crime
 * type, outcome, area (borough and ward or LSOA) and street — with the linked counts
 * every view needs, in one pass over the rows.
 *
 * Written by hand for a stated performance goal (issue 12: 1,000,000 rows filtered in
 * ≤ 30 ms, median; bench/explorer.ts measures it): a filter is one lookup table per
 * dimension (a byte per value: 1 = allowed), and each row is tested against the five
 * tables with no allocation. Each view counts the rows that pass every filter except its
 * own (crossfilter's rule), so a chart of crime types still shows every type when one
 * type is chosen; the map, the table and the export hold the rows that pass them all.
 *
 * Pure: no DOM, no fetch. The client and the build both use it.
 */

import { localProjection } from './hotspots/grid.ts';

/** One data set's records as published: data/derived/explorer_<id>.json with its hotspots_<id>.json. */
export interface ExplorerDatasetInput {
  id: string;
  area: { code: string; name: string };
  months: string[];
  types: string[];
  isCrime: boolean[];
  /** places of the hotspot data set: map point (metres on its local plane), label and part indexes */
  places: { x: number[]; y: number[]; label: number[]; part: number[] };
  /** the map points in longitude and latitude (the caller inverts the data set's projection) */
  lonLat: { lon: number[]; lat: number[] };
  labels: string[];
  /** per label: street, place (a place type such as "Supermarket"), station or blank */
  labelKind: string[];
  parts: { kind: 'LSOA' | 'ward'; code: string[]; name: string[] };
  outcomes: string[];
  groups: { offsets: number[]; placeDelta: number[]; o: number[]; n: number[] };
}

/** Records of one or several data sets of the same months and types, as typed arrays. */
export interface Records {
  /** data set ids, in load order */
  ids: string[];
  months: string[];
  types: string[];
  isCrime: boolean[];
  outcomes: string[];
  /** boroughs (one per data set) */
  boroughs: { code: string; name: string }[];
  partKind: 'LSOA' | 'ward';
  parts: { code: string; name: string; borough: number }[];
  labels: string[];
  /** per label: street, place, station or blank */
  labelKind: string[];
  /** per place (all data sets, concatenated) */
  place: { label: Uint32Array; part: Uint32Array; borough: Uint16Array; lon: Float64Array; lat: Float64Array };
  /** per record */
  n: number;
  month: Uint8Array;
  type: Uint8Array;
  outcome: Uint8Array;
  placeOf: Uint32Array;
}

const uniq = (xs: string[]) => [...new Set(xs)].sort((a, b) => a.localeCompare(b, 'en-GB'));

/**
 * Expands the published counts into one row per record. Data sets must share months
 * and crime types (the Met API boroughs do; the City archive is loaded on its own).
 */
export function buildRecords(inputs: ExplorerDatasetInput[]): Records {
  if (!inputs.length) throw new Error('no data set to explore');
  const first = inputs[0]!;
  for (const d of inputs) {
    if (d.months.join() !== first.months.join())
      throw new Error(`data set ${d.id} covers other months than ${first.id}: load it on its own`);
    if (d.types.join() !== first.types.join())
      throw new Error(`data set ${d.id} has other crime types than ${first.id}`);
    if (d.parts.kind !== first.parts.kind)
      throw new Error(`data set ${d.id} divides its area into ${d.parts.kind}s, ${first.id} into ${first.parts.kind}s`);
  }
  if (first.months.length > 255 || first.types.length > 255) throw new Error('more than 255 months or crime types');
  const outcomes = uniq(inputs.flatMap((d) => d.outcomes));
  if (outcomes.length > 255) throw new Error('more than 255 outcome categories');
  const outcomeAt = new Map(outcomes.map((o, i) => [o, i]));
  const labels = uniq(inputs.flatMap((d) => d.labels));
  const labelAt = new Map(labels.map((l, i) => [l, i]));
  const labelKind = new Array<string>(labels.length).fill('street');
  for (const d of inputs) d.labels.forEach((l, i) => (labelKind[labelAt.get(l)!] = d.labelKind[i] ?? 'street'));
  const parts: Records['parts'] = [];
  const partAt = new Map<string, number>();
  let places = 0;
  let n = 0;
  for (const d of inputs) {
    places += d.places.x.length;
    for (const k of d.groups.n) n += k;
  }
  const place = {
    label: new Uint32Array(places),
    part: new Uint32Array(places),
    borough: new Uint16Array(places),
    lon: new Float64Array(places),
    lat: new Float64Array(places),
  };
  const month = new Uint8Array(n);
  const type = new Uint8Array(n);
  const outcome = new Uint8Array(n);
  const placeOf = new Uint32Array(n);
  const T = first.types.length;
  let p0 = 0;
  let r = 0;
  inputs.forEach((d, b) => {
    const partIndex = d.parts.code.map((code, i) => {
      const key = `${b}\u0000${code}`;
      let at = partAt.get(key);
      if (at === undefined) {
        at = parts.length;
        parts.push({ code, name: d.parts.name[i] ?? '', borough: b });
        partAt.set(key, at);
      }
      return at;
    });
    for (let i = 0; i < d.places.x.length; i++) {
      place.label[p0 + i] = labelAt.get(d.labels[d.places.label[i]!]!)!;
      place.part[p0 + i] = partIndex[d.places.part[i]!]!;
      place.borough[p0 + i] = b;
      place.lon[p0 + i] = d.lonLat.lon[i]!;
      place.lat[p0 + i] = d.lonLat.lat[i]!;
    }
    const oMap = d.outcomes.map((o) => outcomeAt.get(o)!);
    const { offsets, placeDelta, o, n: counts } = d.groups;
    for (let run = 0; run + 1 < offsets.length; run++) {
      const m = Math.floor(run / T);
      const t = run % T;
      let p = 0;
      for (let g = offsets[run]!; g < offsets[run + 1]!; g++) {
        p = g === offsets[run] ? placeDelta[g]! : p + placeDelta[g]!;
        const k = counts[g]!;
        month.fill(m, r, r + k);
        type.fill(t, r, r + k);
        outcome.fill(oMap[o[g]!]!, r, r + k);
        placeOf.fill(p0 + p, r, r + k);
        r += k;
      }
    }
    p0 += d.places.x.length;
  });
  return {
    ids: inputs.map((d) => d.id),
    months: first.months,
    types: first.types,
    isCrime: first.isCrime,
    outcomes,
    boroughs: inputs.map((d) => d.area),
    partKind: first.parts.kind,
    parts,
    labels,
    labelKind,
    place,
    n,
    month,
    type,
    outcome,
    placeOf,
  };
}

/** The reader's filters. Empty lists mean "all". Month indexes inclusive. */
export interface ExplorerFilter {
  from: number;
  to: number;
  types: number[];
  outcomes: number[];
  boroughs: number[];
  parts: number[];
  labels: number[];
}

export const allOf = (r: Records): ExplorerFilter => ({
  from: 0,
  to: r.months.length - 1,
  types: [],
  outcomes: [],
  boroughs: [],
  parts: [],
  labels: [],
});

/** The default filter: every month, the crime types (anti-social behaviour left out, as the hotspots page does). */
export function defaultFilter(r: Records): ExplorerFilter {
  return { ...allOf(r), types: r.types.map((_, i) => i).filter((i) => r.isCrime[i]) };
}

/** Lookup tables of a filter: a byte per value, 1 where allowed. */
export interface Masks {
  month: Uint8Array;
  type: Uint8Array;
  outcome: Uint8Array;
  /** per place: borough and part allowed */
  area: Uint8Array;
  /** per place: label allowed */
  street: Uint8Array;
}

function mask(size: number, chosen: number[]): Uint8Array {
  const m = new Uint8Array(size);
  if (!chosen.length) m.fill(1);
  else for (const i of chosen) if (i >= 0 && i < size) m[i] = 1;
  return m;
}

export function masksOf(r: Records, f: ExplorerFilter): Masks {
  const month = new Uint8Array(r.months.length);
  for (let i = Math.max(0, f.from); i <= Math.min(r.months.length - 1, f.to); i++) month[i] = 1;
  const boroughs = mask(r.boroughs.length, f.boroughs);
  const parts = mask(r.parts.length, f.parts);
  const labels = mask(r.labels.length, f.labels);
  const P = r.place.label.length;
  const area = new Uint8Array(P);
  const street = new Uint8Array(P);
  for (let p = 0; p < P; p++) {
    area[p] = boroughs[r.place.borough[p]!]! & parts[r.place.part[p]!]!;
    street[p] = labels[r.place.label[p]!]!;
  }
  return { month, type: mask(r.types.length, f.types), outcome: mask(r.outcomes.length, f.outcomes), area, street };
}

/** Counts for the linked views. Each `by…` counts the rows passing every filter but its own. */
export interface ExplorerCounts {
  /** rows passing every filter */
  total: number;
  byMonth: Int32Array;
  byType: Int32Array;
  byOutcome: Int32Array;
  /** per part (ward or LSOA), excluding the area filter */
  byPart: Int32Array;
  /** per street label, excluding the street filter */
  byLabel: Int32Array;
  /** per place, rows passing every filter (the map) */
  byPlace: Int32Array;
}

/** One pass over the rows (the engine's hot loop: see the file's comment). */
export function crossCount(r: Records, m: Masks): ExplorerCounts {
  const byMonth = new Int32Array(r.months.length);
  const byType = new Int32Array(r.types.length);
  const byOutcome = new Int32Array(r.outcomes.length);
  const byPart = new Int32Array(r.parts.length);
  const byLabel = new Int32Array(r.labels.length);
  const byPlace = new Int32Array(r.place.label.length);
  const { month, type, outcome, placeOf, n } = r;
  const okM = m.month;
  const okT = m.type;
  const okO = m.outcome;
  const okA = m.area;
  const okS = m.street;
  const partOf = r.place.part;
  const labelOf = r.place.label;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p = placeOf[i]!;
    const a = okM[month[i]!]!;
    const b = okT[type[i]!]!;
    const c = okO[outcome[i]!]!;
    const d = okA[p]!;
    const e = okS[p]!;
    const pass = a + b + c + d + e;
    if (pass === 5) {
      total++;
      byMonth[month[i]!]!++;
      byType[type[i]!]!++;
      byOutcome[outcome[i]!]!++;
      byPart[partOf[p]!]!++;
      byLabel[labelOf[p]!]!++;
      byPlace[p]!++;
    } else if (pass === 4) {
      if (!a) byMonth[month[i]!]!++;
      else if (!b) byType[type[i]!]!++;
      else if (!c) byOutcome[outcome[i]!]!++;
      else if (!d) byPart[partOf[p]!]!++;
      else byLabel[labelOf[p]!]!++;
    }
  }
  return { total, byMonth, byType, byOutcome, byPart, byLabel, byPlace };
}

/** The rows passing every filter, in record order (months oldest first), up to `limit`. */
export function selectedRows(r: Records, m: Masks, limit = Infinity): Uint32Array {
  const out: number[] = [];
  for (let i = 0; i < r.n && out.length < limit; i++) {
    const p = r.placeOf[i]!;
    if (m.month[r.month[i]!] && m.type[r.type[i]!] && m.outcome[r.outcome[i]!] && m.area[p] && m.street[p]) out.push(i);
  }
  return Uint32Array.from(out);
}

/** A record as text, for the table and the export. */
export interface RecordRow {
  month: string;
  type: string;
  outcome: string;
  street: string;
  partCode: string;
  partName: string;
  borough: string;
  lon: number;
  lat: number;
}

export function recordRow(r: Records, i: number): RecordRow {
  const p = r.placeOf[i]!;
  const part = r.parts[r.place.part[p]!]!;
  return {
    month: r.months[r.month[i]!]!,
    type: r.types[r.type[i]!]!,
    outcome: r.outcomes[r.outcome[i]!]!,
    street: r.labels[r.place.label[p]!]!,
    partCode: part.code,
    partName: part.name,
    borough: r.boroughs[r.place.borough[p]!]!.name,
    lon: r.place.lon[p]!,
    lat: r.place.lat[p]!,
  };
}

/** Labels (streets) whose name contains `q` (case-insensitive), most records first. */
export function findLabels(r: Records, q: string, counts: Int32Array, limit = 12): number[] {
  const s = q.trim().toLowerCase();
  if (s.length < 2) return [];
  const hits: number[] = [];
  r.labels.forEach((l, i) => {
    if (l.toLowerCase().includes(s)) hits.push(i);
  });
  return hits.sort((a, b) => counts[b]! - counts[a]! || a - b).slice(0, limit);
}

/** A hotspot data set and its explorer file as the engine's input (map points back to longitude and latitude). */
export function explorerInput(
  ds: {
    id: string;
    area: { code: string; name: string };
    centre: [number, number];
    months: string[];
    types: string[];
    isCrime: boolean[];
    places: { x: number[]; y: number[]; label: number[]; part: number[] };
    labels: { name: string[]; kind: string[] };
    parts: { kind: 'LSOA' | 'ward'; code: string[]; name: string[] };
    events: { offsets: number[] };
  },
  ex: { id: string; outcomes: string[]; groups: { offsets: number[]; placeDelta: number[]; o: number[]; n: number[] } },
): ExplorerDatasetInput {
  if (ex.id !== ds.id) throw new Error(`explorer file ${ex.id} does not belong to data set ${ds.id}`);
  if (ex.groups.offsets.length !== ds.months.length * ds.types.length + 1)
    throw new Error(
      `explorer file ${ex.id}: ${ex.groups.offsets.length - 1} month × type runs, the data set has ${ds.months.length} × ${ds.types.length}`,
    );
  const proj = localProjection(ds.centre[0], ds.centre[1]);
  const lon: number[] = [];
  const lat: number[] = [];
  for (let i = 0; i < ds.places.x.length; i++) {
    const [a, b] = proj.inverse(ds.places.x[i]!, ds.places.y[i]!);
    // Six decimals (about 0.1 m), as data.police.uk publishes its map points.
    lon.push(Math.round(a * 1e6) / 1e6);
    lat.push(Math.round(b * 1e6) / 1e6);
  }
  return {
    id: ds.id,
    area: ds.area,
    months: ds.months,
    types: ds.types,
    isCrime: ds.isCrime,
    places: ds.places,
    lonLat: { lon, lat },
    labels: ds.labels.name,
    labelKind: ds.labels.kind,
    parts: ds.parts,
    outcomes: ex.outcomes,
    groups: ex.groups,
  };
}
