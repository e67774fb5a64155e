/**
 * A synthetic ISTV extract: made-up A&E assault attendances in the shape partners'
 * files take, so the ISTV page can show what it does without real data (which is never
 * public). Every row says "SYNTHETIC", the hospitals are named "Synthetic …", and the
 * page and every figure drawn from it say so. Deterministic: a seeded generator, the
 * same file from the same inputs.
 *
 * The patterns are plausible, not measured: more assaults at weekends and at night,
 * places clustered around a few made-up centres, and about one row in a hundred
 * deliberately broken (an impossible date, a missing date, coordinates at 0,0) so the
 * validator's rejections show.
 */
import { addMonths } from './format.ts';
import { seeded } from './random.ts';

const pick = <T>(r: () => number, xs: readonly (readonly [T, number])[]): T => {
  const total = xs.reduce((a, x) => a + x[1], 0);
  let u = r() * total;
  for (const [v, w] of xs) if ((u -= w) < 0) return v;
  return xs.at(-1)![0];
};
const normal = (r: () => number) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

export const SYNTHETIC_HEADER = [
  'Arrival Date',
  'Arrival Time',
  'Assault Date',
  'Assault Time',
  'Assault Method',
  'Assault Method Description',
  'Assault Location Type',
  'Assault Location Description',
  'Site of Treatment',
  'Age Band',
  'Sex',
  'Injury',
  'Postcode District',
  'Area Code',
  'Easting',
  'Northing',
  'Synthetic',
];

const DAY_W = [0.8, 0.8, 0.85, 0.95, 1.2, 1.65, 1.5];
const HOUR_W = [
  1.6, 1.5, 1.3, 1.0, 0.6, 0.3, 0.2, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.7, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.5, 1.7,
  1.8,
];
const METHODS = [
  ['Body part (fist, foot, head)', 55, ['punched', 'kicked', 'headbutted']],
  ['Blunt object', 12, ['hit with a bat', 'hit with a bottle (unbroken)', 'hit with a chair']],
  ['Glass or bottle', 9, ['glassed in a bar', 'broken bottle']],
  ['Knife or other sharp object', 11, ['stabbed', 'slashed with a blade']],
  ['Firearm', 1, ['shot']],
  ['Other', 7, ['pushed', 'bitten']],
  ['Unknown', 5, ['not stated']],
] as const;
const LOCATIONS = [
  ['Street or other public place', 42, ['High Street', 'outside the station', 'bus stop', 'park', 'car park']],
  ['Pub, bar or club', 20, ['nightclub queue', 'pub garden', 'bar on the High Street']],
  ['Home', 18, ['home address', "friend's flat"]],
  ['Public transport', 7, ['on a bus', 'station platform']],
  ['Work', 5, ['shop', 'workplace']],
  ['School or college', 3, ['school gates']],
  ['Other', 5, ['shopping centre', 'takeaway']],
] as const;
const HOSPITALS = [
  ['Synthetic Hospital Central', 28],
  ['Synthetic Hospital North', 20],
  ['Synthetic Hospital East', 22],
  ['Synthetic Hospital South', 18],
  ['Synthetic Hospital West', 12],
] as const;
const AGES = [
  ['0-15', 6],
  ['16-24', 30],
  ['25-34', 28],
  ['35-44', 17],
  ['45-54', 11],
  ['55+', 8],
] as const;
const INJURIES = [
  ['Laceration', 30],
  ['Contusion or bruise', 35],
  ['Fracture', 10],
  ['Head injury', 15],
  ['Stab or puncture wound', 7],
  ['Other', 3],
] as const;

export interface SyntheticPlaces {
  /** a random point in Greater London: [easting, northing] (the caller samples inside the boroughs) */
  randomPoint: (r: () => number) => [number, number];
  /** the borough (E09 code) containing a point, or null */
  boroughOf: (e: number, n: number) => string | null;
  /** the 2022 ward (E05 code) containing a point, or null: located rows then carry their ward code, as extracts with a ward column do */
  wardOf?: (e: number, n: number) => string | null;
}

/**
 * Rows (cells as text) of `n` attendances over the 12 months to `lastMonth`, and the
 * header. Dates as DD/MM/YYYY, times as HH:MM, British National Grid coordinates for
 * about two rows in three (with their ward code where `wardOf` is given); the others have a borough code only, or nothing.
 */
export function syntheticExtract(
  n: number,
  lastMonth: string,
  places: SyntheticPlaces,
  seed = 20261129,
): { header: string[]; rows: string[][] } {
  const r = seeded(seed);
  const first = addMonths(lastMonth, -11);
  const start = Date.UTC(+first.slice(0, 4), +first.slice(5, 7) - 1, 1);
  const end = Date.UTC(+lastMonth.slice(0, 4), +lastMonth.slice(5, 7), 1);
  const days = Math.round((end - start) / 86400000);
  // Day weights by weekday: rejection sampling of uniform days.
  const maxW = Math.max(...DAY_W);
  const centres = Array.from({ length: 14 }, () => places.randomPoint(r));
  const fmtDate = (t: number) => {
    const d = new Date(t);
    return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  };
  const rows: string[][] = [];
  while (rows.length < n) {
    const day = Math.floor(r() * days);
    const t = start + day * 86400000;
    const dow = (new Date(t).getUTCDay() + 6) % 7;
    if (r() * maxW > DAY_W[dow]!) continue;
    const hour = pick(
      r,
      HOUR_W.map((w, h) => [h, w] as const),
    );
    const minute = Math.floor(r() * 60);
    // Arrival: 0 to 5 hours after the assault (the next day after late-night assaults).
    const delay = Math.floor(r() * 300);
    const arrive = t + (hour * 60 + minute + delay) * 60000;
    const a = new Date(arrive);
    const method = pick(
      r,
      METHODS.map((m) => [m, m[1]] as const),
    );
    const loc = pick(
      r,
      LOCATIONS.map((m) => [m, m[1]] as const),
    );
    let e = '';
    let no = '';
    let borough = '';
    const hasPoint = r() < 0.68;
    const hasBorough = hasPoint || r() < 0.7;
    if (hasBorough) {
      for (let tries = 0; tries < 20; tries++) {
        const c = centres[Math.floor(r() * centres.length)]!;
        const pe = Math.round(c[0] + normal(r) * 900);
        const pn = Math.round(c[1] + normal(r) * 900);
        const b = places.boroughOf(pe, pn);
        if (!b) continue;
        borough = b;
        if (hasPoint) {
          [e, no] = [String(pe), String(pn)];
          borough = places.wardOf?.(pe, pn) ?? b;
        }
        break;
      }
    }
    const row = [
      fmtDate(arrive),
      `${String(a.getUTCHours()).padStart(2, '0')}:${String(a.getUTCMinutes()).padStart(2, '0')}`,
      // About one row in ten has no assault date (dated by arrival).
      r() < 0.1 ? '' : fmtDate(t),
      `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
      method[0],
      method[2][Math.floor(r() * method[2].length)]!,
      loc[0],
      r() < 0.15 ? '' : loc[2][Math.floor(r() * loc[2].length)]!,
      pick(r, HOSPITALS),
      pick(r, AGES),
      r() < 0.72 ? 'Male' : 'Female',
      pick(r, INJURIES),
      '',
      borough,
      e,
      no,
      'SYNTHETIC: not real data',
    ];
    // About one row in a hundred is broken on purpose, in one of three ways.
    const broken = r();
    if (broken < 0.004) [row[0], row[2]] = [`31/02/${lastMonth.slice(0, 4)}`, `31/02/${lastMonth.slice(0, 4)}`];
    else if (broken < 0.007) [row[0], row[2]] = ['', ''];
    else if (broken < 0.01 && e) [row[14], row[15]] = ['0', '0'];
    rows.push(row);
  }
  return { header: SYNTHETIC_HEADER, rows };
}
