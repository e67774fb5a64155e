/**
 * ISTV (Information Sharing to Tackle Violence) extracts: A&E assault attendances as a
 * partner holds them. Pure functions, run in the browser's worker on a file the user
 * chooses (nothing leaves the browser) and in the tests: guess which column holds
 * which field, read and validate every row (each rejected row kept with its line and
 * reason), filter, and count for the ISTV comparisons.
 *
 * Fields: the ISTV minimum data set (NHS ISB 1594: attendance date and time, assault
 * date and time, assault method, assault location type and description, site of
 * treatment) and the fields partners often add.
 */

export interface IstvField {
  key: IstvKey;
  label: string;
  /** header words that suggest the field, tried in order on the normalised header */
  guess: RegExp[];
}

export type IstvKey =
  | 'arrival'
  | 'arrivalTime'
  | 'assaultDate'
  | 'assaultTime'
  | 'method'
  | 'methodText'
  | 'locationType'
  | 'locationText'
  | 'hospital'
  | 'ageBand'
  | 'sex'
  | 'injury'
  | 'postcodeDistrict'
  | 'area'
  | 'lat'
  | 'lon'
  | 'easting'
  | 'northing';

/** In the order of the mapping form; the guesses run in this order too, each column used once. */
export const ISTV_FIELDS: IstvField[] = [
  {
    key: 'arrival',
    label: 'Attendance (arrival) date, or date and time',
    guess: [/^(arrival|attendance|attend)(date)?(time)?$/, /arriv/, /attend/],
  },
  {
    key: 'arrivalTime',
    label: 'Attendance (arrival) time, if a separate column',
    guess: [/^(arrival|attendance)time$/],
  },
  {
    key: 'assaultDate',
    label: 'Date of assault (or date and time)',
    guess: [/^(assault|incident)(date)(time)?$/, /^dateofassault/, /^(assault|incident)date/],
  },
  {
    key: 'assaultTime',
    label: 'Time of assault, if a separate column',
    guess: [/^(assault|incident)time$/, /^timeofassault/],
  },
  {
    key: 'method',
    label: 'Assault method (category)',
    guess: [/^(assault)?method(category|code)?$/, /weapon/, /mechanism/],
  },
  {
    key: 'methodText',
    label: 'Assault method description (free text)',
    guess: [/method(desc|description|text|detail)/],
  },
  {
    key: 'locationType',
    label: 'Assault location type',
    guess: [/^(assault|incident)?location(type|category|class)$/, /^locationtype/, /^placetype/],
  },
  {
    key: 'locationText',
    label: 'Assault location description (free text)',
    guess: [
      /location(desc|description|text|detail|name)/,
      // Not "injury location" or "where injured": in A&E data those are usually the part of the body.
      /^(assault|incident|attack)?location$/,
      /^(location|place|scene)of(the)?(assault|incident|attack)$/,
      /^where((was)?(the)?(patient)?(assaulted|attacked)|(did)?(it)?(happen|happened|occur|occurred))$/,
      /^place(name)?$/,
      /address/,
    ],
  },
  {
    key: 'hospital',
    label: 'Site of treatment (hospital)',
    guess: [/hospital/, /^site(oftreatment)?$/, /treatmentsite/, /^(ed|ae|emergencydepartment)(site)?$/],
  },
  { key: 'ageBand', label: 'Age band', guess: [/^age(band|group|range)?$/] },
  { key: 'sex', label: 'Sex', guess: [/^(sex|gender)$/] },
  { key: 'injury', label: 'Injury type', guess: [/injury/, /^diagnosis/] },
  { key: 'postcodeDistrict', label: 'Postcode district of the assault', guess: [/postcode/, /^postcodedistrict/] },
  {
    key: 'area',
    label: 'Area code of the assault (borough E09, ward E05 or LSOA E01)',
    guess: [/^(lsoa|ward|borough|la|lad|area)(code|cd)?$/, /(lsoa|ward|borough)(21|22|24)?cd$/, /areacode/],
  },
  { key: 'lat', label: 'Latitude', guess: [/^lat(itude)?$/] },
  { key: 'lon', label: 'Longitude', guess: [/^(lon|lng|long|longitude)$/] },
  { key: 'easting', label: 'Easting (British National Grid)', guess: [/^(easting|east|x|bngx|osgridx)$/] },
  { key: 'northing', label: 'Northing (British National Grid)', guess: [/^(northing|north|y|bngy|osgridy)$/] },
];

export type Mapping = Partial<Record<IstvKey, number>>;

const norm = (h: string) =>
  h
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]/g, '');

/** A first mapping from the header: each field to the first unused column whose name matches. */
export function guessMapping(header: string[]): Mapping {
  const names = header.map(norm);
  const used = new Set<number>();
  const out: Mapping = {};
  for (const f of ISTV_FIELDS) {
    for (const re of f.guess) {
      const i = names.findIndex((n, j) => !used.has(j) && re.test(n));
      if (i >= 0) {
        out[f.key] = i;
        used.add(i);
        break;
      }
    }
  }
  return out;
}

/** Why a mapping cannot be analysed, or null. */
export function mappingProblem(m: Mapping): string | null {
  if (m.arrival === undefined && m.assaultDate === undefined)
    return 'Choose the column with the attendance date or the date of the assault: every analysis needs a date.';
  if ((m.lat === undefined) !== (m.lon === undefined)) return 'Choose both latitude and longitude, or neither.';
  if ((m.easting === undefined) !== (m.northing === undefined)) return 'Choose both easting and northing, or neither.';
  return null;
}

/**
 * The column mappings a reader saved in this browser, by header, from their stored text.
 * What cannot be used is left out rather than trusted: text that is not JSON, an entry
 * that is not a mapping of known fields to column numbers (saved by another version, or
 * damaged), one whose column numbers do not fit its header (`columns` counts them), or
 * one that could not be analysed (no date; half of a coordinate pair).
 */
export function savedMappings(text: string | null, columns: (headerKey: string) => number): Record<string, Mapping> {
  let v: unknown;
  try {
    v = JSON.parse(text ?? '{}');
  } catch {
    return {};
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  const keys = new Set<string>(ISTV_FIELDS.map((f) => f.key));
  // No prototype: a header key such as "__proto__" finds only what was saved under it.
  const out = Object.create(null) as Record<string, Mapping>;
  for (const [header, m] of Object.entries(v)) {
    if (!m || typeof m !== 'object' || Array.isArray(m)) continue;
    const n = columns(header);
    const entries = Object.entries(m as Record<string, unknown>);
    if (
      entries.every(([k, i]) => keys.has(k) && Number.isInteger(i) && (i as number) >= 0 && (i as number) < n) &&
      mappingProblem(m as Mapping) === null
    )
      out[header] = m as Mapping;
  }
  return out;
}

/* ------------------------------------------------------------------ reading */

export type Cell = string | number | boolean | Date | null | undefined;

export interface Incident {
  /** the line of the file (header = 1) */
  line: number;
  /** YYYY-MM-DD of the assault if given, else of the attendance */
  date: string;
  /** hour 0–23 of the same, or null when no time is given */
  hour: number | null;
  /** true when `date` is the attendance date (no assault date) */
  dateIsArrival: boolean;
  hospital: string;
  method: string;
  methodText: string;
  locationType: string;
  locationText: string;
  ageBand: string;
  sex: string;
  injury: string;
  postcodeDistrict: string;
  area: string;
  /** WGS84, when the row has coordinates (latitude/longitude or converted from BNG) */
  lat: number | null;
  lon: number | null;
  easting: number | null;
  northing: number | null;
}

export interface Rejected {
  line: number;
  reason: string;
}

/** Excel's serial day 25569 is 1970-01-01. */
const excelDate = (n: number) => new Date(Math.round((n - 25569) * 86400000));
const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (y: number, m: number, d: number): string | null => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
    ? `${y}-${pad(m)}-${pad(d)}`
    : null;
};

/**
 * A date, with a time where the value has one: ISO (2024-03-05, 2024-03-05T14:30,
 * 2024-03-05 14:30:00), UK (05/03/2024, 05-03-2024 14:30), a spreadsheet date (a Date
 * read from xlsx, whose clock fields are the sheet's, or an Excel serial number).
 */
export function parseDateTime(v: Cell): { date: string; hour: number | null } | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    const hasTime = v.getUTCHours() + v.getUTCMinutes() + v.getUTCSeconds() > 0;
    return {
      date: `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`,
      hour: hasTime ? v.getUTCHours() : null,
    };
  }
  if (typeof v === 'number') return v > 20000 && v < 80000 ? parseDateTime(excelDate(v)) : null;
  const s = String(v).trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    const date = isoDate(+m[1]!, +m[2]!, +m[3]!);
    const hour = m[4] === undefined ? null : +m[4];
    return date && (hour === null || (hour < 24 && +m[5]! < 60)) ? { date, hour } : null;
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(s);
  if (m) {
    const date = isoDate(+m[3]!, +m[2]!, +m[1]!);
    const hour = m[4] === undefined ? null : +m[4];
    return date && (hour === null || (hour < 24 && +m[5]! < 60)) ? { date, hour } : null;
  }
  return null;
}

/** An hour from a time: "14:30", "14:30:00", "1430", "2.30pm" is refused; a spreadsheet time (fraction of a day or a Date). */
export function parseHour(v: Cell): number | null | 'bad' {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'bad' : v.getUTCHours();
  if (typeof v === 'number') return v >= 0 && v < 1 ? Math.floor(v * 24 + 1e-9) : 'bad';
  const m = /^(\d{1,2}):?(\d{2})(?::\d{2})?$/.exec(String(v).trim());
  if (!m || +m[1]! > 23 || +m[2]! > 59) return 'bad';
  return +m[1]!;
}

/**
 * The dates an extract's rows may have: from 2000 (the first A&E assault-data sharing under
 * ISTV began in the 2000s; an earlier date is a typing error or a date of birth) to the day
 * after today (a later date has not happened yet; the day after allows for time zones). A
 * date outside is a row rejected with its reason, never analysed: a year 9999 or 1000 would
 * stretch every daily and monthly series over thousands of years.
 */
export interface DateRange {
  from: string;
  to: string;
}
export const EARLIEST_DATE = '2000-01-01';
export function plausibleDates(now: Date = new Date()): DateRange {
  const t = new Date(now.getTime() + 86400000);
  return { from: EARLIEST_DATE, to: `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}` };
}

/** Greater London with a margin of about 10 km (WGS84). */
export const LONDON_BOX = { west: -0.66, east: 0.48, south: 51.2, north: 51.78 };
/** The same in British National Grid metres. */
export const LONDON_BNG = { west: 493000, east: 572000, south: 145000, north: 211000 };

const text = (v: Cell) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).trim());
const num = (v: Cell): number | null | 'bad' => {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  return Number.isFinite(n) ? n : 'bad';
};

export interface ReadResult {
  incidents: Incident[];
  rejected: Rejected[];
  /** data rows read (the header not counted): incidents + rejected */
  rows: number;
  /** rows whose coordinates were converted from British National Grid */
  fromBng: number;
  /** spellings merged into one value (mergeSpellings), when they were */
  merges?: SpellingMerge[];
}

/* ------------------------------------------------------- spellings merged */

/** An extract's rows read under the mapping (readIncidents), their spellings merged (mergeSpellings) unless `merge` is false. */
export function readExtract(
  rows: Cell[][],
  m: Mapping,
  toWgs84?: (e: number, n: number) => [number, number],
  merge = true,
): ReadResult {
  const r = readIncidents(rows, m, toWgs84);
  if (!merge) return r;
  const { incidents, merges } = mergeSpellings(r.incidents);
  return { ...r, incidents, merges };
}

/** The fields whose values are categories: counted, filtered and suppressed by value. */
export const CATEGORY_FIELDS = ['hospital', 'method', 'locationType', 'injury', 'ageBand', 'sex'] as const;
export type CategoryField = (typeof CATEGORY_FIELDS)[number];

/** Spellings of one value merged into its most common one. */
export interface SpellingMerge {
  field: CategoryField;
  into: { value: string; n: number };
  from: { value: string; n: number }[];
}

/**
 * What two spellings share when they differ only in capitals, spaces and punctuation:
 * "King's College Hospital", "kings college hospital" and "KINGS COLLEGE HOSPITAL." ("&"
 * is read as "and"). Spellings that differ in a letter ("Kings Colege") are not merged, nor
 * those that differ in a sign that carries meaning (<, >, +, -: "<18", "18+", "18").
 */
export const spellingKey = (v: string): string =>
  v
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[–—−]/g, '-')
    // Signs that change a value's meaning stay: "<18", "18+" and "18" are three age bands, "16-24" one.
    .replace(/[^\p{L}\p{N}<>+-]+/gu, '');

/**
 * Each category's spellings that differ only in capitals, spaces and punctuation, merged
 * into the most common of them (ties: the first in code-point order) before anything is
 * counted, so that a variant of one row is neither shown as its own value nor, under
 * disclosure control, suppressed and then made the reason a real value is suppressed too.
 * Returns the incidents with merged values (rows not changed are the same objects) and
 * what was merged, for the reader to see.
 */
export function mergeSpellings(incidents: Incident[]): { incidents: Incident[]; merges: SpellingMerge[] } {
  const merges: SpellingMerge[] = [];
  const into = new Map<CategoryField, Map<string, string>>();
  for (const field of CATEGORY_FIELDS) {
    const groups = new Map<string, Map<string, number>>();
    for (const x of incidents) {
      const v = x[field];
      if (!v) continue;
      const k = spellingKey(v);
      if (!k) continue;
      const g = groups.get(k) ?? new Map<string, number>();
      g.set(v, (g.get(v) ?? 0) + 1);
      groups.set(k, g);
    }
    const map = new Map<string, string>();
    for (const g of groups.values()) {
      if (g.size < 2) continue;
      const [first, ...rest] = [...g]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([value, n]) => ({ value, n }));
      for (const r of rest) map.set(r.value, first!.value);
      merges.push({ field, into: first!, from: rest });
    }
    if (map.size) into.set(field, map);
  }
  if (!merges.length) return { incidents, merges };
  const out = incidents.map((x) => {
    let y: Incident | null = null;
    for (const [field, map] of into) {
      const to = map.get(x[field]);
      if (to !== undefined) (y ??= { ...x })[field] = to;
    }
    return y ?? x;
  });
  merges.sort(
    (a, b) =>
      CATEGORY_FIELDS.indexOf(a.field) - CATEGORY_FIELDS.indexOf(b.field) ||
      b.into.n - a.into.n ||
      (a.into.value < b.into.value ? -1 : 1),
  );
  return { incidents: out, merges };
}

/**
 * Reads every data row under the mapping. A row is rejected, with its line and reason,
 * when its date is missing, not a date or outside `range`, a time is not a time, or its coordinates are
 * not numbers or lie outside Greater London (with a 10 km margin). `toWgs84` converts
 * British National Grid eastings and northings (the caller passes proj4's).
 */
export function readIncidents(
  rows: Cell[][],
  m: Mapping,
  toWgs84?: (e: number, n: number) => [number, number],
  range: DateRange = plausibleDates(),
): ReadResult {
  const incidents: Incident[] = [];
  const rejected: Rejected[] = [];
  let fromBng = 0;
  const get = (r: Cell[], k: IstvKey) => (m[k] === undefined ? undefined : r[m[k]]);
  rows.forEach((r, i) => {
    const line = i + 2;
    if (r.every((c) => c === null || c === undefined || String(c).trim() === '')) {
      rejected.push({ line, reason: 'empty row' });
      return;
    }
    const reject = (reason: string) => rejected.push({ line, reason });
    const useAssault = m.assaultDate !== undefined && text(get(r, 'assaultDate')) !== '';
    const dateKey: IstvKey = useAssault ? 'assaultDate' : 'arrival';
    const timeKey: IstvKey = useAssault ? 'assaultTime' : 'arrivalTime';
    const raw = get(r, dateKey);
    if (m[dateKey] === undefined || text(raw) === '')
      return reject(
        m.assaultDate !== undefined && m.arrival !== undefined ? 'no attendance date and no assault date' : 'no date',
      );
    const dt = parseDateTime(raw);
    if (!dt)
      return reject(
        `${dateKey === 'arrival' ? 'attendance date' : 'assault date'} "${text(raw).slice(0, 40)}" is not a date (expected YYYY-MM-DD or DD/MM/YYYY, with an optional time)`,
      );
    if (dt.date < range.from || dt.date > range.to)
      return reject(
        `${dateKey === 'arrival' ? 'attendance date' : 'assault date'} ${dt.date} is outside the dates this page reads, ${range.from} to ${range.to} (a typing error?)`,
      );
    let hour = dt.hour;
    if (m[timeKey] !== undefined) {
      const h = parseHour(get(r, timeKey));
      if (h === 'bad')
        return reject(
          `${timeKey === 'arrivalTime' ? 'attendance time' : 'assault time'} "${text(get(r, timeKey)).slice(0, 20)}" is not a time (expected HH:MM)`,
        );
      if (h !== null) hour = h;
    }
    let lat: number | null = null;
    let lon: number | null = null;
    let easting: number | null = null;
    let northing: number | null = null;
    if (m.lat !== undefined) {
      const a = num(get(r, 'lat'));
      const o = num(get(r, 'lon'));
      if (a === 'bad' || o === 'bad')
        return reject(`latitude/longitude "${text(get(r, 'lat'))}", "${text(get(r, 'lon'))}" are not numbers`);
      if (a !== null && o !== null) {
        if (a < LONDON_BOX.south || a > LONDON_BOX.north || o < LONDON_BOX.west || o > LONDON_BOX.east)
          return reject(
            `latitude/longitude ${a}, ${o} lie outside Greater London${a >= LONDON_BOX.west && a <= LONDON_BOX.east && o >= LONDON_BOX.south && o <= LONDON_BOX.north ? ' (swapped?)' : ''}`,
          );
        lat = a;
        lon = o;
      }
    }
    if (lat === null && m.easting !== undefined) {
      const e = num(get(r, 'easting'));
      const n = num(get(r, 'northing'));
      if (e === 'bad' || n === 'bad')
        return reject(`easting/northing "${text(get(r, 'easting'))}", "${text(get(r, 'northing'))}" are not numbers`);
      if (e !== null && n !== null) {
        if (e < LONDON_BNG.west || e > LONDON_BNG.east || n < LONDON_BNG.south || n > LONDON_BNG.north)
          return reject(`easting/northing ${e}, ${n} lie outside Greater London`);
        easting = e;
        northing = n;
        if (toWgs84) {
          [lon, lat] = toWgs84(e, n);
          fromBng++;
        }
      }
    }
    incidents.push({
      line,
      date: dt.date,
      hour,
      dateIsArrival: !useAssault,
      hospital: text(get(r, 'hospital')),
      method: text(get(r, 'method')),
      methodText: text(get(r, 'methodText')),
      locationType: text(get(r, 'locationType')),
      locationText: text(get(r, 'locationText')),
      ageBand: text(get(r, 'ageBand')),
      sex: text(get(r, 'sex')),
      injury: text(get(r, 'injury')),
      postcodeDistrict: text(get(r, 'postcodeDistrict')).toUpperCase(),
      area: text(get(r, 'area')).toUpperCase(),
      lat,
      lon,
      easting,
      northing,
    });
  });
  return { incidents, rejected, rows: rows.length, fromBng };
}

/* ----------------------------------------------------------- filter, count */

export interface IstvFilter {
  from?: string;
  to?: string;
  hospital?: string;
  method?: string;
  locationType?: string;
}

export const applyFilter = (xs: Incident[], f: IstvFilter): Incident[] =>
  xs.filter(
    (x) =>
      (!f.from || x.date >= f.from) &&
      (!f.to || x.date <= f.to) &&
      (!f.hospital || x.hospital === f.hospital) &&
      (!f.method || x.method === f.method) &&
      (!f.locationType || x.locationType === f.locationType),
  );

/** Monday = 0 … Sunday = 6. */
export const dayOfWeek = (date: string): number => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Counts by day of week and hour (7 × 24), and the incidents with no hour by day. */
export function dayHour(xs: Incident[]): { grid: number[][]; noHour: number[] } {
  const grid = DAYS.map(() => new Array<number>(24).fill(0));
  const noHour = new Array<number>(7).fill(0);
  for (const x of xs) {
    const d = dayOfWeek(x.date);
    if (x.hour === null) noHour[d]!++;
    else grid[d]![x.hour]!++;
  }
  return { grid, noHour };
}

/** Counts by a field, largest first (ties alphabetical); blank values as `blank`. */
export function countBy(
  xs: Incident[],
  key: (x: Incident) => string,
  blank = 'Not recorded',
): { value: string; n: number }[] {
  const m = new Map<string, number>();
  for (const x of xs) {
    const v = key(x) || blank;
    m.set(v, (m.get(v) ?? 0) + 1);
  }
  return [...m].map(([value, n]) => ({ value, n })).sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : 1));
}

/**
 * Free-text locations grouped case- and space-insensitively, each shown in its most
 * common spelling, largest first.
 */
export function topText(xs: Incident[], key: (x: Incident) => string, limit = 20): { value: string; n: number }[] {
  const groups = new Map<string, Map<string, number>>();
  for (const x of xs) {
    const v = key(x).replace(/\s+/g, ' ').trim();
    if (!v) continue;
    const k = v.toLowerCase();
    const g = groups.get(k) ?? new Map<string, number>();
    g.set(v, (g.get(v) ?? 0) + 1);
    groups.set(k, g);
  }
  return [...groups.values()]
    .map((g) => ({
      value: [...g].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0],
      n: [...g.values()].reduce((a, b) => a + b, 0),
    }))
    .sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : 1))
    .slice(0, limit);
}

/** Every month from the first to the last date, with its count (months with none: 0). */
export function byMonth(xs: Incident[]): { month: string; n: number }[] {
  if (!xs.length) return [];
  const ms = xs.map((x) => x.date.slice(0, 7)).sort();
  const out: { month: string; n: number }[] = [];
  const counts = new Map<string, number>();
  for (const m of ms) counts.set(m, (counts.get(m) ?? 0) + 1);
  let [y, mo] = ms[0]!.split('-').map(Number) as [number, number];
  const last = ms.at(-1)!;
  for (;;) {
    const m = `${y}-${pad(mo)}`;
    out.push({ month: m, n: counts.get(m) ?? 0 });
    if (m >= last) break;
    mo++;
    if (mo > 12) [y, mo] = [y + 1, 1];
  }
  return out;
}

/** The Monday of a date's week (YYYY-MM-DD). */
export function weekStart(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - dayOfWeek(date));
  return t.toISOString().slice(0, 10);
}

/** Every week (Monday to Sunday) from the first to the last, with its count. */
export function byWeek(xs: Incident[]): { week: string; n: number }[] {
  if (!xs.length) return [];
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(weekStart(x.date), (counts.get(weekStart(x.date)) ?? 0) + 1);
  const weeks = [...counts.keys()].sort();
  const out: { week: string; n: number }[] = [];
  const t = new Date(`${weeks[0]!}T00:00:00Z`);
  for (;;) {
    const w = t.toISOString().slice(0, 10);
    out.push({ week: w, n: counts.get(w) ?? 0 });
    if (w >= weeks.at(-1)!) break;
    t.setUTCDate(t.getUTCDate() + 7);
  }
  return out;
}

/**
 * Whether the file says of itself that it is synthetic: a column named "Synthetic" whose
 * every row says "SYNTHETIC" (as the site's generator writes). A real file with an
 * "is_synthetic" flag column of yes/no values is not taken for synthetic.
 */
export function isSynthetic(header: string[], rows: Cell[][]): boolean {
  const i = header.findIndex((h) => /^synthetic$/i.test(h.trim()));
  return i >= 0 && rows.length > 0 && rows.every((r) => /^synthetic\b/i.test(String(r[i] ?? '').trim()));
}

/**
 * Incidents as CSV rows, in the file's own words (for the export of exactly the filtered
 * rows). No coordinates; the free-text location, postcode district and area code stay as
 * the file has them (the partner's own record-level data, under their agreement). The
 * row number finds the row in the partner's own file.
 */
export const INCIDENT_COLUMNS = [
  'line',
  'date',
  'hour',
  'date_is_attendance',
  'hospital',
  'method',
  'method_text',
  'location_type',
  'location_text',
  'age_band',
  'sex',
  'injury',
  'postcode_district',
  'area',
] as const;
export const incidentRow = (x: Incident): (string | number | null)[] => [
  x.line,
  x.date,
  x.hour,
  x.dateIsArrival ? 'yes' : 'no',
  x.hospital,
  x.method,
  x.methodText,
  x.locationType,
  x.locationText,
  x.ageBand,
  x.sex,
  x.injury,
  x.postcodeDistrict,
  x.area,
];

/* ------------------------------------------------------------------- cells */

/** A cell of about 700 m (0.01° of longitude by 0.00625° of latitude at London's latitude). */
export const CELL = { lon: 0.01, lat: 0.00625 };

/** Points counted in cells of CELL size: each cell's centre and count, largest first. */
export function toCells(points: { lon: number; lat: number }[]): { lon: number; lat: number; n: number }[] {
  const m = new Map<string, { lon: number; lat: number; n: number }>();
  for (const p of points) {
    const i = Math.floor(p.lon / CELL.lon);
    const j = Math.floor(p.lat / CELL.lat);
    const k = `${i}|${j}`;
    const c = m.get(k) ?? {
      lon: Math.round((i + 0.5) * CELL.lon * 1e5) / 1e5,
      lat: Math.round((j + 0.5) * CELL.lat * 1e5) / 1e5,
      n: 0,
    };
    c.n++;
    m.set(k, c);
  }
  return [...m.values()].sort((a, b) => b.n - a.n || a.lon - b.lon || a.lat - b.lat);
}

/* ---------------------------------------------------------------- analysis */

export interface PoliceMonthly {
  /** months of the series (YYYY-MM) */
  months: string[];
  /** borough code → name and violence with injury recorded each month */
  boroughs: Record<string, { name: string; counts: number[] }>;
  /** months of the ward series (the latest years only) */
  wardMonths?: string[];
  /** 2022 ward code → name, borough code and violence with injury recorded each month of wardMonths */
  wards?: Record<string, { name: string; borough: string; counts: number[] }>;
}

/** The borough of an incident: its own E09 code, the borough of its Met ward code, else the borough containing its point. */
export function boroughOfIncident(
  where: (lon: number, lat: number) => string | null,
  police: PoliceMonthly,
  centres?: AreaCentres,
): (x: Incident) => string | null {
  return (x) => {
    if (/^E09\d{6}$/.test(x.area)) return x.area;
    if (WARD_CODE.test(x.area) && police.wards?.[x.area]) return police.wards[x.area]!.borough;
    const at = x.lon !== null && x.lat !== null ? where(x.lon, x.lat) : null;
    // Where the coordinates do not place it: the borough of its LSOA or ward code.
    return at ?? (AREA_CODE.test(x.area) ? centres?.[x.area]?.[3] || null : null);
  };
}

/**
 * Centres, names and boroughs of London's 2021 LSOAs, 2022 wards and boroughs, by code
 * (data/violence/area-centres.json, made at build time by src/figures/istv/areas.ts).
 */
export type AreaCentres = Record<string, readonly [lon: number, lat: number, name: string, borough: string]>;

/** A 2022 ward code in an extract's area column. */
export const WARD_CODE = /^E05\d{6}$/;

export interface BoroughCompare {
  code: string;
  name: string;
  ae: number;
  police: number;
  /** a ward's borough (E09) */
  parent?: string;
}

/** Everything the ISTV figures draw, for one file and one filter: serialisable, made in the worker. */
export interface IstvAnalysis {
  file: string;
  synthetic: boolean;
  rows: number;
  used: number;
  rejected: Rejected[];
  fromBng: number;
  /** spellings merged before counting (none when the reader turned merging off) */
  merges: SpellingMerge[];
  filter: IstvFilter;
  filtered: number;
  /** first and last date of the filtered incidents */
  period: [string, string] | null;
  /** filtered incidents dated by attendance (no assault date) */
  datedByArrival: number;
  dayHour: { grid: number[][]; noHour: number[] };
  hospital: { value: string; n: number }[];
  method: { value: string; n: number }[];
  locationType: { value: string; n: number }[];
  injury: { value: string; n: number }[];
  months: { month: string; n: number }[];
  weeks: { week: string; n: number }[];
  /** attendances with a location: their coordinates, or (the last `pointsAtLsoaCentre`) their LSOA's centre */
  points: { lon: number; lat: number }[];
  pointsAtLsoaCentre: number;
  /** the centres of the areas in `areas` (for the map of a file of codes), when the centres were given */
  areaCentres: AreaCentres;
  /** filtered incidents with no coordinates but an LSOA (E01), ward (E05) or borough (E09) code, counted by code, most first */
  areas: { code: string; n: number }[];
  freeText: { value: string; n: number }[];
  /** the values of each filter field in the whole file (for the filter form) */
  options: { hospital: string[]; method: string[]; locationType: string[]; from: string | null; to: string | null };
  /** A&E assaults and police violence with injury by borough over the whole months both cover (null: no borough in the file, or no common months) */
  compare: { months: [string, string]; boroughs: BoroughCompare[]; unplaced: number } | null;
  /** the same by 2022 ward, for attendances whose area code is a Met ward (null: none, or no common months) */
  compareWards: { months: [string, string]; boroughs: BoroughCompare[]; unplaced: number } | null;
}

/**
 * A&E attendances against police violence with injury by area over the whole calendar
 * months that the filtered incidents and the police series both cover; `areaOf` places
 * an incident in one of `table`'s areas (null: not placed).
 */
function compareAreas(
  xs: Incident[],
  dates: string[],
  months: string[],
  table: Record<string, { name: string; counts: number[]; borough?: string }>,
  areaOf: (x: Incident) => string | null,
): IstvAnalysis['compare'] {
  if (!xs.length) return null;
  const first = dates[0]!.slice(0, 7);
  const last = dates.at(-1)!.slice(0, 7);
  // Whole months only: the first month counts if the extract starts on its 1st, the last if it runs to its end.
  const monthEnd = (m: string) => new Date(Date.UTC(+m.slice(0, 4), +m.slice(5, 7), 0)).toISOString().slice(0, 10);
  const from = dates[0]!.endsWith('-01') ? first : nextMonth(first);
  const to = dates.at(-1)! === monthEnd(last) ? last : prevMonth(last);
  const common = months.filter((m) => m >= from && m <= to);
  if (!common.length) return null;
  const inRange = xs.filter((x) => x.date.slice(0, 7) >= common[0]! && x.date.slice(0, 7) <= common.at(-1)!);
  const by = new Map<string, number>();
  let unplaced = 0;
  for (const x of inRange) {
    const b = areaOf(x);
    if (b && table[b]) by.set(b, (by.get(b) ?? 0) + 1);
    else unplaced++;
  }
  if (!by.size) return null;
  const idx = common.map((m) => months.indexOf(m));
  return {
    months: [common[0]!, common.at(-1)!],
    unplaced,
    boroughs: [...by]
      .map(([code, ae]) => ({
        code,
        name: table[code]!.name,
        ae,
        police: idx.reduce((a, i) => a + table[code]!.counts[i]!, 0),
        ...(table[code]!.borough ? { parent: table[code]!.borough } : {}),
      }))
      .sort((a, b) => b.ae - a.ae || (a.code < b.code ? -1 : 1)),
  };
}

/**
 * The ISTV comparisons of the filtered incidents. `boroughOf` places an incident in a
 * borough (its own E09 code, its point in a borough's boundary, or its LSOA's or ward's
 * borough); police violence with injury is compared over the whole calendar months that
 * the filtered extract and the police series both cover. With `centres`, an attendance
 * without coordinates but with a 2021 LSOA code is on the map of points at its LSOA's
 * centre, in a file where others have coordinates (an LSOA, about 1,500 residents, is
 * smaller than the map's 700 m cells; a ward or borough is not, and stays off that map).
 * A file with codes and no coordinates at all has its own map of areas.
 */
export function analyse(
  read: ReadResult,
  meta: { file: string; synthetic: boolean },
  filter: IstvFilter,
  boroughOf?: (x: Incident) => string | null,
  police?: PoliceMonthly,
  centres?: AreaCentres,
): IstvAnalysis {
  const xs = applyFilter(read.incidents, filter);
  const located = xs.filter((x) => x.lat !== null && x.lon !== null);
  // The file decides which map: one where any row has coordinates is a map of points, whatever the filter leaves.
  const fileLocated = read.incidents.some((x) => x.lat !== null && x.lon !== null);
  const atLsoa =
    fileLocated && centres ? xs.filter((x) => x.lat === null && LSOA_CODE.test(x.area) && centres[x.area]) : [];
  const placed = new Set(atLsoa);
  const areas = countBy(
    xs.filter((x) => (x.lat === null || x.lon === null) && AREA_CODE.test(x.area) && !placed.has(x)),
    (x) => x.area,
  ).map((c) => ({ code: c.value, n: c.n }));
  const dates = xs.map((x) => x.date).sort();
  const all = read.incidents;
  const uniq = (k: (x: Incident) => string) => [...new Set(all.map(k).filter(Boolean))].sort();
  const allDates = all.map((x) => x.date).sort();
  const compare = boroughOf && police ? compareAreas(xs, dates, police.months, police.boroughs, boroughOf) : null;
  const compareWards =
    police?.wards && police.wardMonths
      ? compareAreas(xs, dates, police.wardMonths, police.wards, (x) => (WARD_CODE.test(x.area) ? x.area : null))
      : null;
  return {
    file: meta.file,
    synthetic: meta.synthetic,
    rows: read.rows,
    used: read.incidents.length,
    rejected: read.rejected,
    fromBng: read.fromBng,
    merges: read.merges ?? [],
    filter,
    filtered: xs.length,
    period: xs.length ? [dates[0]!, dates.at(-1)!] : null,
    datedByArrival: xs.filter((x) => x.dateIsArrival).length,
    dayHour: dayHour(xs),
    hospital: countBy(xs, (x) => x.hospital),
    method: countBy(xs, (x) => x.method),
    locationType: countBy(xs, (x) => x.locationType),
    injury: countBy(xs, (x) => x.injury),
    months: byMonth(xs),
    weeks: byWeek(xs),
    points: [
      ...located.map((x) => ({ lon: Math.round(x.lon! * 1e5) / 1e5, lat: Math.round(x.lat! * 1e5) / 1e5 })),
      ...atLsoa.map((x) => ({ lon: centres![x.area]![0], lat: centres![x.area]![1] })),
    ],
    pointsAtLsoaCentre: atLsoa.length,
    areas,
    areaCentres: Object.fromEntries(areas.filter((c) => centres?.[c.code]).map((c) => [c.code, centres![c.code]!])),
    freeText: topText(xs, (x) => x.locationText),
    options: {
      hospital: uniq((x) => x.hospital),
      method: uniq((x) => x.method),
      locationType: uniq((x) => x.locationType),
      from: allDates[0] ?? null,
      to: allDates.at(-1) ?? null,
    },
    compare,
    compareWards,
  };
}

/** An area code the map can place: a 2021 LSOA, a ward or a borough in England. */
export const AREA_CODE = /^E0[159]\d{6}$/;
const LSOA_CODE = /^E01\d{6}$/;

const nextMonth = (m: string) =>
  m.endsWith('-12') ? `${+m.slice(0, 4) + 1}-01` : `${m.slice(0, 5)}${pad(+m.slice(5) + 1)}`;
const prevMonth = (m: string) =>
  m.endsWith('-01') ? `${+m.slice(0, 4) - 1}-12` : `${m.slice(0, 5)}${pad(+m.slice(5) - 1)}`;
