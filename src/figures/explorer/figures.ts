/**
 * The incident explorer's figures (/violence/explorer/): records by month, by crime
 * type, by outcome, the top streets and a map, for the reader's filters. Pure: the
 * build draws the default view with them and the page every other view.
 */
import type { Topology } from 'topojson-specification';
import type { Figure, FigureSource } from '../types.ts';
import type { ExplorerCounts, ExplorerFilter, Records } from '../../lib/explorer.ts';
import { formatInt, monthLong, monthShort } from '../../lib/format.ts';
import { C, PALETTE } from '../../charts/common.ts';

export const EXPLORER_PAGE = 'violence/explorer/';
/** Streets in the top-streets chart. */
export const TOP_STREETS = 15;
/** Map cells: a thousandth of a degree of latitude (about 111 m) by one and a half of longitude (about 104 m in London). */
export const CELL_LAT = 0.001;
export const CELL_LON = 0.0015;
/** Chosen labels outside the top are drawn too when there are this many or fewer. */
export const CHOSEN_EXTRA = 5;
/** Above this many snap points with records, the map counts them in cells. */
export const MAP_POINTS = 400;

export interface ExplorerContext {
  /** what is loaded, in words ("City of London", "25 Metropolitan Police boroughs") */
  place: string;
  force: string;
  sources: FigureSource[];
  /** how each record's outcome was found */
  outcomeSource: string;
  boroughs: Topology;
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatInt(n)} ${n === 1 ? one : many}`;

/** The filters in words, for titles and descriptions ("burglary and robbery, outcome 'Under investigation', Bloomsbury ward"). */
export function filterWords(r: Records, f: ExplorerFilter): string {
  const parts: string[] = [];
  const list = (xs: string[]) =>
    xs.length <= 3
      ? xs.join(', ').replace(/, ([^,]*)$/, ' and $1')
      : `${xs.slice(0, 2).join(', ')} and ${xs.length - 2} more`;
  const crimes = r.types.map((_, i) => i).filter((i) => r.isCrime[i]);
  const sameAs = (a: number[], b: number[]) => a.length === b.length && a.every((x) => b.includes(x));
  const types = f.types.filter((i) => i >= 0 && i < r.types.length);
  if (!f.types.length || types.length === r.types.length) parts.push('all records (crimes and anti-social behaviour)');
  else if (!types.length) parts.push('no crime type chosen');
  else if (sameAs(types, crimes)) parts.push('all crimes');
  else parts.push(list(types.map((i) => r.types[i]!)).toLowerCase());
  if (f.outcomes.length) parts.push(`outcome ${list(f.outcomes.map((i) => `"${r.outcomes[i]!}"`))}`);
  if (f.boroughs.length && f.boroughs.length < r.boroughs.length)
    parts.push(list(f.boroughs.map((i) => r.boroughs[i]!.name)));
  if (f.parts.length)
    parts.push(`${r.partKind} ${list(f.parts.map((i) => `${r.parts[i]!.name || r.parts[i]!.code}`))}`);
  const labels = f.labels.filter((i) => i >= 0 && i < r.labels.length);
  if (f.labels.length)
    parts.push(
      labels.length
        ? `location ${list(labels.map((i) => `"${r.labels[i]!}"`))}`
        : 'no location label matching the street text',
    );
  return parts.join('; ');
}

const periodOf = (r: Records, f: ExplorerFilter) =>
  f.from === f.to ? monthLong(r.months[f.from]!) : `${monthLong(r.months[f.from]!)} to ${monthLong(r.months[f.to]!)}`;

function base(r: Records, f: ExplorerFilter, ctx: ExplorerContext, id: string, c: ExplorerCounts) {
  const notes = [
    `Each chart counts the records that pass every filter except its own (so the crime-type chart shows every type when one is chosen, with the chosen ones marked); the map and the record table hold the records that pass them all (${formatInt(c.total)}).`,
    `Outcomes: ${ctx.outcomeSource}.`,
    'Map points are data.police.uk\'s anonymised snap points ("On or near …"), not the places where the crimes happened: a street with a snap point collects the crimes of the streets around it.',
  ];
  return { id, page: EXPLORER_PAGE, source: ctx.sources, notes };
}

/** Records by month: the chosen period in colour, the months outside it in grey. */
export function monthsFigure(r: Records, f: ExplorerFilter, c: ExplorerCounts, ctx: ExplorerContext): Figure {
  const outside = 'Outside it';
  const rows = r.months.map((m, i) => ({
    month: m,
    records: c.byMonth[i]!,
    chosen: i >= f.from && i <= f.to ? 'yes' : 'no',
  }));
  const peak = rows.filter((x) => x.chosen === 'yes').reduce((a, b) => (b.records > a.records ? b : a), rows[f.from]!);
  const inside = rows.filter((x) => x.chosen === 'yes');
  // The grey series only when the period leaves months out (then the key names both).
  const inPeriod = inside.length < rows.length ? 'In the chosen period' : 'Records';
  const series = inside.length < rows.length ? [inPeriod, outside] : [inPeriod];
  return {
    ...base(r, f, ctx, 'explorer-months', c),
    title: `${plural(c.total, 'record')}, ${periodOf(r, f)}: ${ctx.place}`,
    subtitle: `Records a month, ${filterWords(r, f)}. ${ctx.force}.`,
    description: `${formatInt(c.total)} records from ${periodOf(r, f)} (${filterWords(r, f)}), ${ctx.place}; the most in one month ${formatInt(peak.records)} in ${monthLong(peak.month)}, an average of ${formatInt(inside.reduce((a, b) => a + b.records, 0) / Math.max(1, inside.length))} a month.`,
    chart: {
      kind: 'stackedBars',
      categories: r.months.map(monthShort),
      series,
      data: rows.flatMap((x) => [
        { category: monthShort(x.month), series: inPeriod, value: x.chosen === 'yes' ? x.records : 0 },
        ...(series.length > 1
          ? [{ category: monthShort(x.month), series: outside, value: x.chosen === 'yes' ? 0 : x.records }]
          : []),
      ]),
      yLabel: '↑ Records a month',
      unit: 'records',
      colours: [PALETTE.series[0], C.nodata],
      everyNth: r.months.length > 24 ? 3 : r.months.length > 12 ? 2 : 1,
    },
    table: {
      caption: `Records by month (${filterWords(r, f)})`,
      columns: [
        { key: 'month', label: 'Month' },
        { key: 'records', label: 'Records', numeric: true },
        { key: 'chosen', label: 'In the chosen period' },
      ],
      rows: [...rows].reverse(),
    },
  };
}

function barsFigure(
  id: string,
  r: Records,
  f: ExplorerFilter,
  c: ExplorerCounts,
  ctx: ExplorerContext,
  opts: {
    what: string;
    labels: string[];
    counts: Int32Array;
    chosen: number[];
    limit?: number;
    keyLabel: string;
    caption: string;
    keep?: (i: number) => boolean;
  },
): Figure {
  const chosenSet = new Set(opts.chosen);
  const all: { i: number; label: string; value: number }[] = [];
  opts.labels.forEach((label, i) => {
    if ((opts.counts[i]! > 0 || chosenSet.has(i)) && (!opts.keep || opts.keep(i)))
      all.push({ i, label, value: opts.counts[i]! });
  });
  all.sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'en-GB'));
  const shown = opts.limit ? all.slice(0, opts.limit) : all;
  // A chosen bar outside the top is added at the end, so the reader sees it (a few at most: a street search can match thousands).
  if (opts.limit && chosenSet.size <= CHOSEN_EXTRA)
    for (const x of all.slice(opts.limit)) if (chosenSet.has(x.i)) shown.push(x);
  const sum = all.reduce((a, b) => a + b.value, 0);
  const share = (v: number) => (sum ? `${((100 * v) / sum).toFixed(1)}%` : '–');
  const top = shown[0];
  return {
    ...base(r, f, ctx, id, c),
    title: top
      ? `${opts.what}: ${top.label} has the most records (${formatInt(top.value)})`
      : `${opts.what}: no records`,
    subtitle: `Records, ${periodOf(r, f)}, ${ctx.place}; ${filterWords(r, f)}${opts.chosen.length ? '. Chosen bars are marked' : ''}.`,
    description: shown.length
      ? `${opts.what}, ${periodOf(r, f)}, ${ctx.place}: ${shown
          .slice(0, 5)
          .map((x) => `${x.label} ${formatInt(x.value)} (${share(x.value)})`)
          .join('; ')}${shown.length > 5 ? `; ${shown.length - 5} more` : ''}.`
      : `No records match the filters.`,
    chart: {
      kind: 'rankedBars',
      xLabel: 'Records →',
      data: shown.map((x) => ({
        label: x.label,
        value: x.value,
        text: formatInt(x.value),
        title: `${x.label}: ${plural(x.value, 'record')} (${share(x.value)})`,
        highlight: chosenSet.has(x.i),
      })),
    },
    table: {
      caption: opts.caption,
      columns: [
        { key: 'label', label: opts.keyLabel },
        { key: 'records', label: 'Records', numeric: true },
        { key: 'share', label: 'Share of records (%)', numeric: true },
        { key: 'chosen', label: 'Chosen' },
      ],
      rows: all.map((x) => ({
        label: x.label,
        records: x.value,
        share: sum ? Math.round((1000 * x.value) / sum) / 10 : null,
        chosen: chosenSet.has(x.i) ? 'yes' : opts.chosen.length ? 'no' : 'all',
      })),
    },
    tableLimit: 40,
  };
}

export function typesFigure(r: Records, f: ExplorerFilter, c: ExplorerCounts, ctx: ExplorerContext): Figure {
  return barsFigure('explorer-types', r, f, c, ctx, {
    what: 'By crime type',
    labels: r.types,
    counts: c.byType,
    chosen: f.types.length === r.types.length ? [] : f.types,
    keyLabel: 'Crime type',
    caption: 'Records by crime type (every filter but the crime type)',
  });
}

export function outcomesFigure(r: Records, f: ExplorerFilter, c: ExplorerCounts, ctx: ExplorerContext): Figure {
  return barsFigure('explorer-outcomes', r, f, c, ctx, {
    what: 'By outcome',
    labels: r.outcomes,
    counts: c.byOutcome,
    chosen: f.outcomes,
    keyLabel: 'Outcome',
    caption: 'Records by outcome (every filter but the outcome)',
  });
}

/**
 * The top streets: location labels that name a street only. Place types ("On or near
 * Supermarket"), stations and blank labels are not streets; their records are left out
 * of this list (and counted in its note) but are in the map, the table and the download.
 */
export function streetsFigure(r: Records, f: ExplorerFilter, c: ExplorerCounts, ctx: ExplorerContext): Figure {
  let notStreet = 0;
  for (let i = 0; i < c.byLabel.length; i++) if (r.labelKind[i] !== 'street') notStreet += c.byLabel[i]!;
  const chosen = f.labels.filter((i) => r.labelKind[i] === 'street');
  const fig = barsFigure('explorer-streets', r, f, c, ctx, {
    what: `Top ${TOP_STREETS} streets`,
    labels: r.labels,
    counts: c.byLabel,
    chosen,
    limit: TOP_STREETS,
    keep: (i) => r.labelKind[i] === 'street',
    keyLabel: 'Street (snap point label)',
    caption: 'Records by street (every filter but the street; labels that are not streets left out)',
  });
  return {
    ...fig,
    notes: [
      ...fig.notes,
      `Streets only: ${formatInt(notStreet)} records whose label is a place type ("On or near Supermarket", "On or near Parking Area"), a station or blank are left out of this list (not of the map, the table or the download). Shares are of the records at streets.`,
      'A street label is data.police.uk\'s "On or near …" name of a snap point; one street can have several snap points, and in the Metropolitan Police data one in each ward it crosses (counted together here).',
    ],
  };
}

/** The places' map points (places that share a snap point's coordinates, one point) and the points' cells, made once per records. */
interface MapIndex {
  pointOf: Uint32Array;
  lon: Float64Array;
  lat: Float64Array;
  cellOf: Uint32Array;
  cellLon: Float64Array;
  cellLat: Float64Array;
}
const mapIndexes = new WeakMap<Records, MapIndex>();
function mapIndex(r: Records): MapIndex {
  const known = mapIndexes.get(r);
  if (known) return known;
  const { lon, lat } = r.place;
  const pointOf = new Uint32Array(lon.length);
  const points = new Map<string, number>();
  const cells = new Map<string, number>();
  const pLon: number[] = [];
  const pLat: number[] = [];
  const cellOf: number[] = [];
  const cLon: number[] = [];
  const cLat: number[] = [];
  for (let p = 0; p < lon.length; p++) {
    const key = `${lon[p]},${lat[p]}`;
    let i = points.get(key);
    if (i === undefined) {
      points.set(key, (i = pLon.length));
      pLon.push(lon[p]!);
      pLat.push(lat[p]!);
      const gx = Math.floor(lon[p]! / CELL_LON);
      const gy = Math.floor(lat[p]! / CELL_LAT);
      const cellKey = `${gx},${gy}`;
      let c = cells.get(cellKey);
      if (c === undefined) {
        cells.set(cellKey, (c = cLon.length));
        cLon.push(Math.round((gx + 0.5) * CELL_LON * 1e5) / 1e5);
        cLat.push(Math.round((gy + 0.5) * CELL_LAT * 1e5) / 1e5);
      }
      cellOf.push(c);
    }
    pointOf[p] = i;
  }
  const index: MapIndex = {
    pointOf,
    lon: Float64Array.from(pLon),
    lat: Float64Array.from(pLat),
    cellOf: Uint32Array.from(cellOf),
    cellLon: Float64Array.from(cLon),
    cellLat: Float64Array.from(cLat),
  };
  mapIndexes.set(r, index);
  return index;
}

/**
 * The map: the filtered records at each snap point where there are few, counted in cells of
 * about 100 m where there are many, drawn as circles sized by count. (Performance code,
 * bench/explorer.ts: counted in typed arrays over points and cells indexed once per records,
 * not in maps keyed by text at each change.)
 */
export function mapFigure(r: Records, f: ExplorerFilter, c: ExplorerCounts, ctx: ExplorerContext): Figure {
  const ix = mapIndex(r);
  const atPoint = new Float64Array(ix.lon.length);
  let shownPoints = 0;
  for (let p = 0; p < c.byPlace.length; p++) {
    const k = c.byPlace[p]!;
    if (!k) continue;
    const i = ix.pointOf[p]!;
    if (!atPoint[i]) shownPoints++;
    atPoint[i]! += k;
  }
  const binned = shownPoints > MAP_POINTS;
  const counts = binned ? new Float64Array(ix.cellLon.length) : atPoint;
  if (binned) for (let i = 0; i < atPoint.length; i++) if (atPoint[i]) counts[ix.cellOf[i]!]! += atPoint[i]!;
  const [lons, lats] = binned ? [ix.cellLon, ix.cellLat] : [ix.lon, ix.lat];
  const points: { lon: number; lat: number; n: number }[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i]) points.push({ lon: lons[i]!, lat: lats[i]!, n: counts[i]! });
  points.sort((a, b) => b.n - a.n || a.lon - b.lon || a.lat - b.lat);
  const top = points[0];
  const unit = binned ? 'cell' : 'snap point';
  const focus = f.boroughs.length ? f.boroughs.map((i) => r.boroughs[i]!.code) : r.boroughs.map((b) => b.code);
  return {
    ...base(r, f, ctx, 'explorer-map', c),
    title: `Where the ${plural(c.total, 'record')} are: ${ctx.place}`,
    subtitle: `${binned ? `Records in cells of about 100 m (more than ${formatInt(MAP_POINTS)} snap points)` : 'Records at each snap point'}, circle area by count, ${periodOf(r, f)}; ${filterWords(r, f)}.`,
    description: top
      ? `${formatInt(c.total)} records at ${plural(points.length, unit)}; the busiest ${unit}, ${binned ? 'centred ' : ''}at ${top.lat.toFixed(4)}° N, ${Math.abs(top.lon).toFixed(4)}° ${top.lon < 0 ? 'W' : 'E'}, has ${formatInt(top.n)}.`
      : 'No records match the filters.',
    chart: {
      kind: 'pointMap',
      points,
      base: ctx.boroughs,
      baseObject: 'boroughs',
      binAbove: 0,
      unit: 'records',
      cells: true,
      focus,
    },
    table: {
      caption: binned
        ? 'Records by map cell (cell centre; the cell spans 0.0015° of longitude and 0.001° of latitude)'
        : 'Records by snap point',
      columns: [
        { key: 'lat', label: binned ? 'Latitude of the cell centre' : 'Latitude', numeric: true },
        { key: 'lon', label: binned ? 'Longitude of the cell centre' : 'Longitude', numeric: true },
        { key: 'records', label: 'Records', numeric: true },
      ],
      rows: points.map((p) => ({ lat: p.lat, lon: p.lon, records: p.n })),
    },
    tableLimit: 20,
  };
}

export const EXPLORER_FIGURE_IDS = [
  'explorer-months',
  'explorer-types',
  'explorer-outcomes',
  'explorer-streets',
  'explorer-map',
] as const;

export function explorerFigures(r: Records, f: ExplorerFilter, c: ExplorerCounts, ctx: ExplorerContext): Figure[] {
  return [
    monthsFigure(r, f, c, ctx),
    typesFigure(r, f, c, ctx),
    outcomesFigure(r, f, c, ctx),
    streetsFigure(r, f, c, ctx),
    mapFigure(r, f, c, ctx),
  ];
}
