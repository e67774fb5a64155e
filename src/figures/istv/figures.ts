/**
 * The ISTV comparisons as figures, from an analysis of one extract (src/lib/istv.ts):
 * the build makes them from the synthetic extract for the page's default view, and the
 * browser's worker from a partner's own file, which never leaves the browser. Pure:
 * the caller passes the borough topology.
 */
import type { Topology } from 'topojson-specification';
import { DAYS, toCells, type AreaCentres, type IstvAnalysis } from '../../lib/istv.ts';
import { formatInt, monthLong } from '../../lib/format.ts';
import { quantileBreaks } from '../../lib/breaks.ts';
import { suppressGrouped, suppressList, suppressTable } from '../../lib/suppress.ts';
import type { Figure, FigureSource } from '../types.ts';

export const ISTV_PAGE = 'violence/istv/';
export const ISTV_IDS = [
  'istv-day-hour',
  'istv-months',
  'istv-weeks',
  'istv-hospital',
  'istv-method',
  'istv-injury',
  'istv-location-type',
  'istv-map',
  'istv-free-text',
  'istv-vs-police',
  'istv-vs-police-wards',
] as const;
export type IstvId = (typeof ISTV_IDS)[number];

/** Above this many points the map bins them into hexagonal cells. */
export const BIN_ABOVE = 1500;

const pct = (n: number, d: number) =>
  d ? `${((n / d) * 100).toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%` : '–';
/** The period of the filtered attendances: exact days in the analyst's view, months in a controlled one (exact first and last days of a small group identify it). */
const periodText = (a: IstvAnalysis, k: number | null) =>
  a.period
    ? k === null
      ? `${dayText(a.period[0])} to ${dayText(a.period[1])}`
      : `${monthLong(a.period[0].slice(0, 7))} to ${monthLong(a.period[1].slice(0, 7))}`
    : '';
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const dayText = (d: string) =>
  new Date(`${d}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

export interface IstvContext {
  boroughs: Topology;
  /** centres and names of LSOAs, wards and boroughs (for an extract with area codes and no coordinates; loaded only then) */
  areaCentres?: AreaCentres;
  /** the source line of the police data (for the comparison) */
  police?: FigureSource;
  /** the source line of the police ward data (for the ward comparison) */
  policeWards?: FigureSource;
  /** the borough boundaries' source line */
  boundaries: FigureSource;
  /** Full addresses, for the figures' source lines (which leave the page in downloads and embeds): the published synthetic extract, and the page's section where a reader loads their own file. */
  fileUrls: { synthetic: string; own: string };
}

function fileSource(a: IstvAnalysis, ctx: IstvContext, k: number | null = null): FigureSource {
  const period = a.period ? `data for ${periodText(a, k)}` : 'data for no dates';
  return a.synthetic
    ? {
        name: `Synthetic ISTV extract (${a.file})`,
        publisher: 'London Crime Analysis',
        attribution:
          'Synthetic data, made up for this page: not real patients or assaults. Free to reuse under the Open Government Licence v3.0.',
        licence: 'Open Government Licence v3.0',
        url: ctx.fileUrls.synthetic,
        dataDate: period,
      }
    : {
        name: `Your file: ${a.file}`,
        publisher: 'the file you loaded, read in this browser only',
        attribution:
          'Not published: the figures and downloads are made in your browser and nothing is sent anywhere. Licence: as your organisation holds the data.',
        licence: 'as held by your organisation',
        url: ctx.fileUrls.own,
        dataDate: period,
      };
}

function words(a: IstvAnalysis, k: number | null = null) {
  const prefix = a.synthetic ? 'Synthetic data: ' : '';
  const who = a.synthetic ? 'the synthetic extract' : 'your extract';
  const filterWords = [
    a.filter.hospital && `at ${a.filter.hospital}`,
    a.filter.method && `method "${a.filter.method}"`,
    a.filter.locationType && `location "${a.filter.locationType}"`,
  ]
    .filter(Boolean)
    .join(', ');
  const scope = `${formatInt(a.filtered)} A&E assault attendances${filterWords ? ` (${filterWords})` : ''}${a.period ? `, ${periodText(a, k)}` : ''}`;
  const notes = [
    a.synthetic
      ? 'Synthetic data: a made-up extract in the shape of an ISTV file, so the page can show what it does. It describes no real patients, hospitals or assaults.'
      : 'Your file was read in this browser. Nothing was uploaded; the downloads are made here too.',
    `Rows read ${formatInt(a.rows)}, used ${formatInt(a.used)}, rejected ${formatInt(a.rejected.length)} (listed with their reasons below the figures).`,
    ...(a.datedByArrival
      ? [
          k === null
            ? `${formatInt(a.datedByArrival)} of the ${formatInt(a.filtered)} attendances have no assault date and are dated by their arrival at A&E.`
            : 'Attendances with no assault date are dated by their arrival at A&E.',
        ]
      : []),
    ...(k !== null ? [suppressionNote(k)] : []),
  ];
  return { prefix, who, scope, notes };
}

/** The disclosure-control rule, as every controlled figure states it. */
export const suppressionNote = (k: number) =>
  `Disclosure control: counts from 1 to ${k} are suppressed (shown as blank, "suppressed" in the table), after the NHS England rule for Hospital Episode Statistics (1 to 7; the threshold can be raised on the page, never lowered), with secondary suppression so that no total, and no sum of suppressed counts, gives a suppressed count away; counts are not rounded to 5 as HES does. No map shows individual points, and free-text descriptions whose counts are suppressed are hidden. Two controlled views of different filters can still be subtracted one from the other: publish one view, not several.`;

const cellText = (v: unknown) => (v === null || v === undefined ? 'suppressed' : formatInt(v as number));

const rankedTable = (caption: string, what: string, rows: { value: string; n: number | null }[], total: number) => ({
  caption,
  columns: [
    { key: 'value', label: what },
    { key: 'attendances', label: 'Attendances', numeric: true, format: cellText },
    {
      key: 'share_pct',
      label: 'Share (%)',
      numeric: true,
      format: (v: unknown) =>
        v === null
          ? 'suppressed'
          : (v as number).toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }),
    },
  ],
  rows: rows.map((r) => ({
    value: r.value,
    attendances: r.n,
    share_pct: r.n === null ? null : Math.round((r.n / total) * 1000) / 10,
  })),
});

function ranked(
  a: IstvAnalysis,
  ctx: IstvContext,
  id: IstvId,
  field: string,
  all: { value: string; n: number }[],
  extraNotes: string[] = [],
  k: number | null = null,
): Figure {
  const w = words(a, k);
  const shown =
    k === null
      ? all.map((r) => r.n)
      : suppressList(
          all.map((r) => r.n),
          k,
        );
  // A free-text description with a suppressed count could name a place (an address): hidden in a controlled view.
  const rows = all.map((r, i) => ({
    value: shown[i] === null && id === 'istv-free-text' ? '(description withheld: count suppressed)' : r.value,
    n: shown[i]!,
  }));
  const open = rows.filter((r): r is { value: string; n: number } => r.n !== null);
  const top = open[0];
  const hidden = rows.length - open.length;
  return {
    id,
    page: ISTV_PAGE,
    title: top
      ? `${w.prefix}the most common ${field.toLowerCase()} was "${top.value}", ${pct(top.n, a.filtered)} of attendances`
      : `${w.prefix}attendances by ${field.toLowerCase()}: every count suppressed`,
    subtitle: `${w.scope}, by ${field.toLowerCase()}, largest first`,
    description: `${sentence(field)} in the ${formatInt(a.filtered)} attendances of ${w.who}: ${open
      .slice(0, 3)
      .map((r) => `"${r.value}" ${formatInt(r.n)} (${pct(r.n, a.filtered)})`)
      .join(
        ', ',
      )}${rows.length > 3 ? `, and ${rows.length - 3} more ${rows.length - 3 === 1 ? 'value' : 'values'}` : ''}.${hidden ? ` ${hidden} ${hidden === 1 ? 'count is' : 'counts are'} suppressed.` : ''}`,
    chart: {
      kind: 'rankedBars',
      xLabel: 'Attendances →',
      data: rows.slice(0, 25).map((r) => ({
        label: r.value,
        value: r.n ?? 0,
        text: r.n === null ? 'suppressed' : formatInt(r.n),
        title:
          r.n === null
            ? `${r.value}: suppressed`
            : `${r.value}: ${formatInt(r.n)} attendances (${pct(r.n, a.filtered)})`,
      })),
    },
    widths: [360, 560],
    table: rankedTable(`Attendances by ${field.toLowerCase()}, ${w.scope}`, field, rows, a.filtered),
    source: [fileSource(a, ctx, k)],
    notes: [
      ...w.notes,
      ...(rows.length > 25
        ? [`The chart shows the 25 largest of ${rows.length} values; the table and the CSV have them all.`]
        : []),
      ...extraNotes,
    ],
  };
}

export function istvDayHourFigure(a: IstvAnalysis, ctx: IstvContext, k: number | null = null): Figure {
  const w = words(a, k);
  // The table's cells: the 24 hours and "no time", each day's total published.
  const raw = a.dayHour.grid.map((row, d) => [...row, a.dayHour.noHour[d]!]);
  const sup =
    k === null
      ? {
          cells: raw as (number | null)[][],
          rowTotal: raw.map((r) => r.reduce((x, y) => x + y, 0)) as (number | null)[],
        }
      : suppressTable(raw, k);
  const cells = sup.cells.flatMap((row, d) =>
    row.slice(0, 24).map((n, h) => ({
      row: DAYS[d]!,
      col: String(h),
      value: n,
      title: `${DAYS[d]} ${String(h).padStart(2, '0')}:00–${String(h).padStart(2, '0')}:59: ${n === null ? 'suppressed' : `${formatInt(n)} attendances`}`,
    })),
  );
  const nonZero = cells.map((c) => c.value).filter((v): v is number => v !== null && v > 0);
  const breaks = [...new Set(quantileBreaks(nonZero.length ? nonZero : [1], 5).map((b) => Math.floor(b)))].filter(
    (b) => b >= 1,
  );
  const timed = a.dayHour.grid.flat().reduce((x, v) => x + v, 0);
  const busiest = [...cells].sort((x, y) => (y.value ?? -1) - (x.value ?? -1))[0]!;
  const anyOpen = busiest.value !== null && busiest.value > 0;
  const dayTotals = sup.rowTotal;
  const weekend = dayTotals[5] !== null && dayTotals[6] !== null ? dayTotals[5]! + dayTotals[6]! : null;
  const noHour = a.dayHour.noHour.reduce((x, v) => x + v, 0);
  const suppressed = cells.filter((c) => c.value === null).length;
  return {
    id: 'istv-day-hour',
    page: ISTV_PAGE,
    title: anyOpen
      ? `${w.prefix}the busiest hour was ${busiest.row} ${busiest.col.padStart(2, '0')}:00, with ${formatInt(busiest.value!)} attendances`
      : `${w.prefix}attendances by day and hour: ${k !== null ? 'every count suppressed' : 'no hours recorded'}`,
    subtitle: `${w.scope}, by day of the week and hour of the assault (or of arrival where the assault time is not recorded)`,
    // The controlled view prints nothing derived from suppressed cells (the counts with no hour, the timed total).
    description: `${k === null ? `${formatInt(timed)} attendances have an hour. ` : ''}${anyOpen ? `The busiest cell is ${busiest.row} from ${busiest.col.padStart(2, '0')}:00 (${formatInt(busiest.value!)}).` : ''}${weekend !== null ? ` Saturday and Sunday hold ${pct(weekend, a.filtered)} of all attendances.` : ''}${noHour ? (k === null ? ` ${formatInt(noHour)} have a date but no time and are counted by day only, in the table.` : ' Attendances with a date but no time are counted by day only, in the table.') : ''}${suppressed ? ` ${suppressed} hour cells are suppressed.` : ''}`,
    chart: {
      kind: 'heatmap',
      data: cells,
      rows: DAYS,
      cols: Array.from({ length: 24 }, (_, h) => String(h)),
      xLabel: 'Hour of the day →',
      breaks,
      legendLabel: 'Attendances in the hour',
    },
    widths: [360, 720],
    table: {
      caption: `Attendances by day of the week and hour, ${w.scope}`,
      columns: [
        { key: 'day', label: 'Day' },
        ...Array.from({ length: 24 }, (_, h) => ({
          key: `h${String(h).padStart(2, '0')}`,
          label: `${String(h).padStart(2, '0')}:00`,
          numeric: true,
          format: cellText,
        })),
        { key: 'no_time', label: 'No time', numeric: true, format: cellText },
        { key: 'total', label: 'Total', numeric: true, format: cellText },
      ],
      rows: DAYS.map((d, i) => ({
        day: d,
        ...Object.fromEntries(sup.cells[i]!.slice(0, 24).map((n, h) => [`h${String(h).padStart(2, '0')}`, n])),
        no_time: sup.cells[i]![24]!,
        total: dayTotals[i]!,
      })),
    },
    source: [fileSource(a, ctx, k)],
    notes: [
      ...w.notes,
      `Colour classes: quantiles of the hours with at least one attendance (${breaks.join(', ')}); blank cells had none${k !== null ? ', grey cells are suppressed' : ''}.`,
      'Hours are read as written in the file (local clock time); no time-zone change is applied.',
    ],
  };
}

function trend(a: IstvAnalysis, ctx: IstvContext, id: 'istv-months' | 'istv-weeks', k: number | null = null): Figure {
  const w = words(a, k);
  const monthly = id === 'istv-months';
  const rawPts = monthly ? a.months.map((m) => ({ p: m.month, n: m.n })) : a.weeks.map((x) => ({ p: x.week, n: x.n }));
  const sup =
    k === null
      ? rawPts.map((x) => x.n)
      : suppressList(
          rawPts.map((x) => x.n),
          k,
        );
  const pts = rawPts.map((x, i) => ({ p: x.p, n: sup[i]! }));
  const max = pts.reduce((b, x) => ((x.n ?? -1) > (b.n ?? -1) ? x : b), pts[0]!);
  const label = (p: string) => (monthly ? monthLong(p) : `the week from ${dayText(p)}`);
  return {
    id,
    page: ISTV_PAGE,
    title:
      max.n !== null
        ? `${w.prefix}attendances by ${monthly ? 'month' : 'week'}: most in ${label(max.p)} (${formatInt(max.n)})`
        : `${w.prefix}attendances by ${monthly ? 'month' : 'week'}: every count suppressed`,
    subtitle: `${w.scope}, by ${monthly ? 'calendar month' : 'week (Monday to Sunday)'} of the assault (or of arrival)`,
    description: `${pts.length} ${monthly ? 'months' : 'weeks'} from ${label(pts[0]!.p)} to ${label(pts.at(-1)!.p)}; ${max.n !== null ? `the most attendances were in ${label(max.p)} (${formatInt(max.n)}), ` : ''}an average of ${formatInt(a.filtered / pts.length)} a ${monthly ? 'month' : 'week'}.${pts.some((x) => x.n === null) ? ` ${pts.filter((x) => x.n === null).length} ${monthly ? 'months' : 'weeks'} are suppressed (gaps in the line).` : ''}`,
    chart: {
      kind: 'multiLine',
      months: pts.map((x) => x.p),
      series: [{ label: 'A&E assault attendances', values: pts.map((x) => x.n) }],
      yLabel: `↑ Attendances a ${monthly ? 'month' : 'week'}`,
      unit: 'attendances',
    },
    widths: [360, 720],
    table: {
      caption: `Attendances by ${monthly ? 'month' : 'week'}, ${w.scope}`,
      columns: [
        { key: 'period', label: monthly ? 'Month' : 'Week from (Monday)' },
        { key: 'attendances', label: 'Attendances', numeric: true, format: cellText },
      ],
      rows: pts.map((x) => ({ period: x.p, attendances: x.n })),
    },
    source: [fileSource(a, ctx, k)],
    notes: [
      ...w.notes,
      `The first and last ${monthly ? 'months' : 'weeks'} may be part ${monthly ? 'months' : 'weeks'} of the extract.`,
    ],
  };
}

/**
 * The map of an extract with area codes and no coordinates: each area's attendances as a
 * circle at the area's centre, sized by count; with disclosure control, areas of k or
 * fewer are suppressed (and so is the total of the suppressed areas, by the same rule as
 * every other list).
 */
function istvAreaMapFigure(a: IstvAnalysis, ctx: IstvContext, k: number | null): Figure | null {
  const centres = ctx.areaCentres;
  if (!centres || !a.areas.length) return null;
  const w = words(a, k);
  const known = a.areas.filter((x) => centres[x.code]);
  const unknown = a.areas.filter((x) => !centres[x.code]).reduce((s, x) => s + x.n, 0);
  if (!known.length) return null;
  // Controlled: suppressed within each borough, whose total the borough comparison publishes.
  const sup =
    k === null
      ? known.map((x) => x.n)
      : suppressGrouped(
          known.map((x) => x.n),
          known.map((x) => centres[x.code]![3]),
          k,
        );
  const rows = known.map((x, i) => ({
    code: x.code,
    name: centres[x.code]![2],
    lon: centres[x.code]![0],
    lat: centres[x.code]![1],
    n: sup[i]!,
  }));
  const open = rows.filter((r): r is typeof r & { n: number } => r.n !== null);
  const kind = (c: string) => (c.startsWith('E01') ? 'LSOA' : c.startsWith('E05') ? 'ward' : 'borough');
  const kinds = [...new Set(known.map((x) => kind(x.code)))];
  const placed = known.reduce((s, x) => s + x.n, 0);
  return {
    id: 'istv-map',
    page: ISTV_PAGE,
    title: `${w.prefix}where the assaults happened, by the ${kinds.join(' and ')} codes in the file`,
    subtitle: `${w.scope}: attendances with an area code and no coordinates, as a circle at each area's centre sized by count${k !== null ? `; areas of ${k} or fewer suppressed` : ''}`,
    description:
      k === null
        ? `${formatInt(placed)} of ${formatInt(a.filtered)} attendances have an area code and no coordinates, in ${formatInt(known.length)} areas; the most in one area is ${formatInt(known[0]!.n)} (${rows[0]!.name}).`
        : `The attendances with an area code and no coordinates are in ${formatInt(known.length)} areas; ${formatInt(open.length)} are shown and ${formatInt(known.length - open.length)} suppressed.`,
    chart: {
      kind: 'pointMap',
      points: open.map((r) => ({ lon: r.lon, lat: r.lat, n: r.n })),
      base: ctx.boroughs,
      baseObject: 'boroughs',
      binAbove: BIN_ABOVE,
      unit: 'assaults',
      cells: true,
    },
    widths: [360, 640],
    table: {
      caption: `Attendances with an area code and no coordinates, by area, ${w.scope}`,
      columns: [
        { key: 'code', label: 'Area code' },
        { key: 'name', label: 'Area' },
        { key: 'attendances', label: 'Attendances', numeric: true, format: cellText },
      ],
      rows: rows.map((r) => ({ code: r.code, name: r.name, attendances: r.n })),
    },
    tableLimit: 50,
    source: [fileSource(a, ctx, k), ctx.boundaries],
    notes: [
      ...w.notes,
      "Each circle is at the area's centre (the centroid of its outline: ONS 2021 LSOAs, 2022 wards, boroughs), not where the assaults happened.",
      ...(unknown
        ? [
            k === null
              ? `${formatInt(unknown)} attendance${unknown === 1 ? ' carries' : 's carry'} an area code that is not a London 2021 LSOA, 2022 ward or borough, and ${unknown === 1 ? 'is' : 'are'} not on the map.`
              : 'Some attendances carry an area code that is not a London 2021 LSOA, 2022 ward or borough, and are not on the map.',
          ]
        : []),
    ],
  };
}

export function istvMapFigure(a: IstvAnalysis, ctx: IstvContext, k: number | null = null): Figure | null {
  if (!a.points.length) return istvAreaMapFigure(a, ctx, k);
  const w = words(a, k);
  if (k !== null) {
    // Disclosure-controlled: no individual points, cells of about 700 m with small counts suppressed.
    const cells = toCells(a.points);
    const sup = suppressList(
      cells.map((c) => c.n),
      k,
    );
    const shown = cells.map((c, i) => ({ ...c, n: sup[i]! }));
    const open = shown.filter((c): c is { lon: number; lat: number; n: number } => c.n !== null);
    return {
      id: 'istv-map',
      page: ISTV_PAGE,
      title: `${w.prefix}where the assaults happened, in cells of about 700 m`,
      subtitle: `${w.scope}: attendances with a location, counted in cells of about 700 m (circles sized by count); cells of ${k} or fewer suppressed`,
      description: `${formatInt(a.points.length)} of ${formatInt(a.filtered)} attendances have a location, in ${formatInt(cells.length)} cells; ${formatInt(open.length)} cells are shown and ${formatInt(cells.length - open.length)} suppressed. The busiest cell holds ${formatInt(open[0]?.n ?? 0)}.`,
      chart: {
        kind: 'pointMap',
        points: open,
        base: ctx.boroughs,
        baseObject: 'boroughs',
        binAbove: BIN_ABOVE,
        unit: 'assaults',
        cells: true,
      },
      widths: [360, 640],
      table: {
        caption: `Attendances with a location by cell of about 700 m (the cell's centre), ${w.scope}`,
        columns: [
          { key: 'latitude', label: 'Cell centre latitude', numeric: true },
          { key: 'longitude', label: 'Cell centre longitude', numeric: true },
          { key: 'attendances', label: 'Attendances', numeric: true, format: cellText },
        ],
        rows: shown.map((c) => ({ latitude: c.lat, longitude: c.lon, attendances: c.n })),
      },
      tableLimit: 50,
      source: [fileSource(a, ctx, k), ctx.boundaries],
      notes: [
        ...w.notes,
        'Cells are 0.01° of longitude by 0.00625° of latitude, about 700 m square in London.',
        ...areaOnlyNote(a, k),
      ],
    };
  }
  const binned = a.points.length > BIN_ABOVE;
  return {
    id: 'istv-map',
    page: ISTV_PAGE,
    title: `${w.prefix}where the assaults happened: ${formatInt(a.points.length)} with a location`,
    subtitle: `${w.scope}: ${binned ? 'hexagonal cells sized by their number of assaults' : 'each assault as a dot'}, on the borough boundaries`,
    description: `${formatInt(a.points.length - a.pointsAtLsoaCentre)} of ${formatInt(a.filtered)} attendances (${pct(a.points.length - a.pointsAtLsoaCentre, a.filtered)}) have coordinates${a.fromBng ? ` (${formatInt(a.fromBng)} converted from British National Grid with proj4)` : ''}${a.pointsAtLsoaCentre ? `; ${formatInt(a.pointsAtLsoaCentre)} more have no coordinates but a 2021 LSOA code, and are drawn at their LSOA's centre` : ''}. ${binned ? `There are more than ${formatInt(BIN_ABOVE)}, so they are counted in hexagonal cells.` : 'Each is drawn where the file places it.'}`,
    chart: {
      kind: 'pointMap',
      points: a.points,
      base: ctx.boroughs,
      baseObject: 'boroughs',
      binAbove: BIN_ABOVE,
      unit: 'assaults',
    },
    widths: [360, 640],
    table: {
      caption: `Locations of the attendances: their coordinates, or their LSOA's centre, ${w.scope}`,
      columns: [
        { key: 'latitude', label: 'Latitude', numeric: true },
        { key: 'longitude', label: 'Longitude', numeric: true },
        { key: 'placed_by', label: 'Placed by' },
      ],
      rows: a.points.map((p, i) => ({
        latitude: p.lat,
        longitude: p.lon,
        placed_by: i < a.points.length - a.pointsAtLsoaCentre ? 'coordinates' : "LSOA code (the LSOA's centre)",
      })),
    },
    tableLimit: 50,
    source: [fileSource(a, ctx, k), ctx.boundaries],
    notes: [
      ...w.notes,
      'Street-level locations are shown on screen because the data stay in this browser (analyst view). Presentation mode and every download show cells of about 700 m with small counts suppressed instead.',
      ...areaOnlyNote(a, k),
    ],
  };
}

/**
 * A points map places attendances with only a 2021 LSOA code at the LSOA's centre, and leaves
 * out those with only a ward or borough code (areas larger than its cells) or a code it does
 * not know: say so, and how many (not when that count is small and controlled).
 */
function areaOnlyNote(a: IstvAnalysis, k: number | null): string[] {
  const n = a.areas.reduce((s, x) => s + x.n, 0);
  const lsoa = a.pointsAtLsoaCentre
    ? [
        "Attendances with no coordinates but a 2021 LSOA code are placed at the LSOA's centre (the centroid of its outline), not where the assault happened; an LSOA is a few hundred metres across in most of London.",
      ]
    : [];
  if (!n) return lsoa;
  // Controlled: the exact number only if it gives nothing small away (with the located and filtered totals, it also gives
  // the number with neither coordinates nor an area code).
  const rest = a.filtered - a.points.length - n;
  const why = 'a ward or borough code (an area larger than the cells of this map) or a code outside London';
  if (k !== null && (n <= k || (rest >= 1 && rest <= k)))
    return [...lsoa, `Some attendances have no coordinates, only ${why}, and are not on this map.`];
  return [
    ...lsoa,
    `${formatInt(n)} attendance${n === 1 ? ' has' : 's have'} no coordinates, only ${why}, and ${n === 1 ? 'is' : 'are'} not on this map.`,
  ];
}

export function istvFreeTextFigure(a: IstvAnalysis, ctx: IstvContext, k: number | null = null): Figure | null {
  if (!a.freeText.length) return null;
  return ranked(
    a,
    ctx,
    'istv-free-text',
    'Location description',
    a.freeText,
    [
      `Free-text locations grouped regardless of capitals and spaces, in their most common spelling; the 20 most frequent.`,
    ],
    k,
  );
}

/** Wards drawn in the ward comparison (the table has every ward). */
export const WARDS_DRAWN = 20;

export function istvVsPoliceFigure(
  a: IstvAnalysis,
  ctx: IstvContext,
  k: number | null = null,
  level: 'borough' | 'ward' = 'borough',
): Figure | null {
  const cmp = level === 'ward' ? a.compareWards : a.compare;
  if (!cmp || !ctx.police) return null;
  // Controlled, an extract mapped by its area codes: its map already gives each ward's count (over every date, not
  // whole months), and setting the two side by side would give away the counts of the part months: no ward comparison.
  if (level === 'ward' && k !== null && !a.points.length && a.areas.length) return null;
  // Wards are suppressed within each borough, whose total the borough comparison publishes.
  const sup =
    k === null
      ? cmp.boroughs.map((b) => b.ae)
      : level === 'ward'
        ? suppressGrouped(
            cmp.boroughs.map((b) => b.ae),
            cmp.boroughs.map((b) => b.parent ?? ''),
            k,
          )
        : suppressList(
            cmp.boroughs.map((b) => b.ae),
            k,
          );
  const c = { ...cmp, boroughs: cmp.boroughs.map((b, i) => ({ ...b, ae: sup[i]! })) };
  const w = words(a, k);
  const period = `${monthLong(c.months[0])} to ${monthLong(c.months[1])}`;
  const ae = cmp.boroughs.reduce((s, b) => s + b.ae, 0);
  const pol = c.boroughs.reduce((s, b) => s + b.police, 0);
  const areas = level === 'ward' ? 'wards' : 'boroughs';
  // Wards: the most attendances first, suppressed ones not drawn; the table has every ward.
  const drawn = level === 'ward' ? c.boroughs.filter((b) => b.ae !== null).slice(0, WARDS_DRAWN) : c.boroughs;
  const unplacedText =
    k === null && c.unplaced
      ? `${formatInt(c.unplaced)} attendances in those months could not be placed in ${level === 'ward' ? 'a ward the Met publishes (no 2022 ward code, or the code of a ward outside the Met)' : 'a borough'}.`
      : '';
  return {
    id: level === 'ward' ? 'istv-vs-police-wards' : 'istv-vs-police',
    page: ISTV_PAGE,
    title: `${w.prefix}A&E assault attendances and police-recorded violence with injury by ${level}, ${period}`,
    subtitle: `A&E assault attendances in ${w.who} and violence with injury recorded by the Metropolitan Police in the same ${areas} and months${level === 'ward' && c.boroughs.length > drawn.length ? `; the ${drawn.length} wards with the most attendances drawn, every ward in the table` : ''}`,
    description: `In ${c.boroughs.length} ${areas} and the whole months ${period}, ${k === null ? `${formatInt(ae)} A&E assault attendances against ${formatInt(pol)} offences` : `${formatInt(pol)} offences`} of violence with injury recorded by the police${k === null ? '' : ` (the A&E counts by ${level} are in the table, small ones suppressed)`}. ${unplacedText} The two count different things: attendances at the hospitals in the extract, and offences reported to the police; the gap between them is what data sharing is for (the Cardiff Model).`,
    chart: {
      kind: 'pairedDots',
      xLabel: 'Count in the months →',
      aLabel: 'A&E assault attendances',
      bLabel: 'Police: violence with injury',
      signed: false,
      data: drawn.map((b) => ({
        label: b.name,
        a: b.ae,
        b: b.police,
        title: `${b.name}: ${b.ae === null ? 'suppressed' : formatInt(b.ae)} A&E attendances; ${formatInt(b.police)} police-recorded violence with injury`,
      })),
    },
    widths: [360, 640],
    table: {
      caption: `A&E assault attendances and police-recorded violence with injury by ${level}, ${period}`,
      columns: [
        { key: 'area', label: level === 'ward' ? 'Ward' : 'Borough' },
        { key: 'code', label: 'Code' },
        { key: 'ae_attendances', label: 'A&E assault attendances', numeric: true, format: cellText },
        {
          key: 'police_violence_with_injury',
          label: 'Police: violence with injury',
          numeric: true,
          format: (v) => formatInt(v as number),
        },
        {
          key: 'attendances_per_100_police',
          label: 'Attendances per 100 police offences',
          numeric: true,
          format: (v) =>
            v === null
              ? '–'
              : (v as number).toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }),
        },
      ],
      rows: c.boroughs.map((b) => ({
        area: b.name,
        code: b.code,
        ae_attendances: b.ae,
        police_violence_with_injury: b.police,
        attendances_per_100_police: b.police && b.ae !== null ? Math.round((b.ae / b.police) * 1000) / 10 : null,
      })),
    },
    ...(level === 'ward' ? { tableLimit: 40 } : {}),
    source: [fileSource(a, ctx, k), level === 'ward' && ctx.policeWards ? ctx.policeWards : ctx.police],
    notes: [
      ...w.notes,
      level === 'ward'
        ? "Wards: the attendance's own 2022 ward code (E05…) where the file has one and the Met publishes that ward; attendances with no ward code are not in this comparison (coordinates are not placed in wards). Police counts: MPS ward-level recorded crime, violence with injury. Whole calendar months that both the extract and the police data cover."
        : "Boroughs: the attendance's own borough code (E09…) where the file has one, the borough of its 2022 ward code where it has that, otherwise the borough whose boundary contains its coordinates. Whole calendar months that both the extract and the police data cover.",
      'The hospitals in an extract do not serve whole areas, and victims are treated where they go, not where they were hurt: read the comparison as a prompt to share data, not as a rate.',
    ],
  };
}

/**
 * Every ISTV figure that applies to the analysis, by id (null: not applicable to this
 * file). `k`: the disclosure-control threshold (null: the analyst's own view, on screen only).
 */
export function istvFigures(a: IstvAnalysis, ctx: IstvContext, k: number | null = null): Record<IstvId, Figure | null> {
  // A controlled view of a group of 1–k attendances would disclose it whatever is suppressed inside: nothing is drawn.
  const empty = a.filtered === 0 || (k !== null && a.filtered <= k);
  const has = (xs: { value: string }[]) => xs.some((h) => h.value !== 'Not recorded');
  return {
    'istv-day-hour': empty ? null : istvDayHourFigure(a, ctx, k),
    'istv-months': empty ? null : trend(a, ctx, 'istv-months', k),
    'istv-weeks': empty ? null : trend(a, ctx, 'istv-weeks', k),
    'istv-hospital':
      empty || !has(a.hospital) ? null : ranked(a, ctx, 'istv-hospital', 'Site of treatment', a.hospital, [], k),
    'istv-method': empty || !has(a.method) ? null : ranked(a, ctx, 'istv-method', 'Assault method', a.method, [], k),
    'istv-injury': empty || !has(a.injury) ? null : ranked(a, ctx, 'istv-injury', 'Injury type', a.injury, [], k),
    'istv-location-type':
      empty || !has(a.locationType)
        ? null
        : ranked(a, ctx, 'istv-location-type', 'Location type', a.locationType, [], k),
    'istv-map': empty ? null : istvMapFigure(a, ctx, k),
    'istv-free-text': empty ? null : istvFreeTextFigure(a, ctx, k),
    'istv-vs-police': empty ? null : istvVsPoliceFigure(a, ctx, k),
    'istv-vs-police-wards': empty ? null : istvVsPoliceFigure(a, ctx, k, 'ward'),
  };
}

/** Why a figure is not drawn for a file or a filter, in words, by id. */
export const ISTV_WHY_NOT: Record<string, string> = {
  'istv-day-hour': 'day and hour (no attendances)',
  'istv-months': 'months (no attendances)',
  'istv-weeks': 'weeks (no attendances)',
  'istv-hospital': 'site of treatment (no such column chosen)',
  'istv-method': 'assault method (no such column chosen)',
  'istv-injury': 'injury type (no such column chosen)',
  'istv-location-type': 'location type (no such column chosen)',
  'istv-map': 'map (no coordinates, latitude/longitude or easting/northing, and no LSOA, ward or borough codes)',
  'istv-free-text': 'free-text locations (no location description column)',
  'istv-vs-police': 'police comparison (no borough code or coordinates, or no whole month the police data cover)',
  'istv-vs-police-wards':
    'police comparison by ward (no 2022 ward codes in the area column, or no whole month the police ward data cover)',
};
