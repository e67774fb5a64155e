/**
 * npm run data:fetch [-- --only ID] [--force] [--mirror DIR]
 *
 * Downloads every registered source from its official URL into data/raw/, in the
 * mirror layout (or copies it from a mirror folder with --mirror). Idempotent: a
 * file already present is kept unless --force. data/raw/ is gitignored.
 */
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { unzipSync } from 'fflate';
import { SOURCES, type Source } from './sources.ts';

const { values } = parseArgs({
  options: { only: { type: 'string' }, force: { type: 'boolean' }, mirror: { type: 'string' } },
});
const root = resolve(import.meta.dirname, '..');
const rawDir = resolve(root, 'data/raw');

async function get(url: string): Promise<Uint8Array> {
  const res = await fetch(url, { headers: { 'User-Agent': 'london-crime-analysis data fetch' }, redirect: 'follow' });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Finds a file's URL through the London Datastore dataset API (resource URLs change each release). */
async function datastoreUrl(dataset: string, title: RegExp): Promise<string> {
  const api = `https://data.london.gov.uk/api/dataset/${dataset}`;
  const meta = JSON.parse(new TextDecoder().decode(await get(api))) as { resources?: unknown };
  const list = Array.isArray(meta.resources)
    ? meta.resources
    : Object.values((meta.resources ?? {}) as Record<string, unknown>);
  const found = (
    list as { title?: string; name?: string; url?: string; download_url?: string; format?: string }[]
  ).filter((r) => title.test(r.title ?? r.name ?? ''));
  const csv = found.find((r) => /csv/i.test(r.format ?? r.url ?? '')) ?? found[0];
  const url = csv?.url ?? csv?.download_url;
  if (!url) {
    const titles = (list as { title?: string; name?: string }[]).map((r) => r.title ?? r.name).join('; ');
    throw new Error(`${api}: no resource title matches ${title}; the dataset lists: ${titles || 'nothing'}`);
  }
  return url;
}

async function fetchOne(s: Source): Promise<string> {
  const dest = join(rawDir, s.path);
  if (existsSync(dest) && !values.force) return `${s.id}: kept ${dest}`;
  mkdirSync(dirname(dest), { recursive: true });
  if (values.mirror) {
    const from = join(resolve(values.mirror), s.path);
    if (!existsSync(from)) throw new Error(`${s.id}: not in the mirror (expected ${from})`);
    cpSync(from, dest, { recursive: true });
    return `${s.id}: copied ${from}`;
  }
  let bytes: Uint8Array;
  let from: string;
  if ('manual' in s.download) {
    // Not a failure of the download: there is no file to download. Say how it was made.
    return `${s.id}: not downloadable (${s.download.manual}); place a copy at ${dest}, or use --mirror`;
  }
  if ('zipMembers' in s.download) {
    const re = s.download.zipMembers;
    from = s.download.url;
    const files = unzipSync(await get(from), { filter: (f) => re.test(basename(f.name)) });
    const names = Object.keys(files);
    if (!names.length) throw new Error(`${s.id}: ${from} has no member matching ${re}`);
    mkdirSync(dest, { recursive: true });
    for (const n of names) writeFileSync(join(dest, basename(n)), files[n]!);
    return `${s.id}: extracted ${names.length} files from ${from}`;
  }
  if ('datastore' in s.download) {
    from = await datastoreUrl(s.download.datastore.dataset, s.download.datastore.resourceTitle);
    bytes = await get(from);
  } else {
    from = s.download.url;
    bytes = await get(from);
    if (s.download.zipMember) {
      const member = s.download.zipMember;
      const files = unzipSync(bytes, { filter: (f) => f.name.endsWith(member) });
      const hit = Object.values(files)[0];
      if (!hit) throw new Error(`${s.id}: ${from} has no member ${member}`);
      bytes = hit;
    }
  }
  writeFileSync(dest, bytes);
  return `${s.id}: downloaded ${from} (${bytes.length.toLocaleString('en-GB')} bytes)`;
}

const chosen = values.only ? SOURCES.filter((s) => s.id === values.only) : SOURCES;
if (values.only && chosen.length === 0) {
  console.error(`data:fetch: no source "${values.only}". Known: ${SOURCES.map((s) => s.id).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const s of chosen) {
  try {
    console.log(await fetchOne(s));
  } catch (e) {
    failed++;
    console.error(`data:fetch: ${s.id} failed: ${(e as Error).message}. Its landing page: ${s.page}`);
  }
}
process.exit(failed ? 1 : 0);
