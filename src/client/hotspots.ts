/**
 * The hotspots page: reads the view from the address (falling back, and saying so,
 * on anything it does not understand), sends the data set and the choices to a Web
 * Worker, and rebuilds the five street-level figures and the method card from the
 * result. The London LSOA and coverage figures are fixed.
 */
import type { AnalysisOptions, HotspotDataset } from '../lib/hotspots/dataset.ts';
import { HS_DEFAULT, hsStateToParams, parseHsState, typeSlug as slug, type HsState, type HsCatalogue } from '../lib/hotspots/state.ts';
import { monthLong as monthText } from '../lib/format.ts';

import type { FigureSource } from '../figures/types.ts';
import type { WorkerReply, WorkerRequest } from './hotspots.worker.ts';
import { announce, statusLine, viewState } from './dom.ts';

interface PageData {
  datasets: { id: string; file: string; title: string; area: { code: string; name: string }; months: [string, string]; source: FigureSource; networkSource: FigureSource | null; wardSource: FigureSource | null; networkHref: string | null }[];
  boundarySource: FigureSource;
  typeSlugs: string[];
}


let page: PageData;
let state: HsState = { ...HS_DEFAULT };
let worker: Worker | undefined;
let seq = 0;
const loaded = new Map<string, Promise<HotspotDataset>>();
/** Resolves once the view in the address has been applied (tests and embeds wait on it). */
export let ready: Promise<void> = Promise.resolve();

const status = (msg: string | null) => statusLine('hotspot-status', msg);
/** The figures a recalculation redraws (the London LSOA and coverage figures are fixed). */
const viewFigures = () => Array.from(document.querySelectorAll<HTMLElement>('[data-figure^="hotspots-"]')).filter((f) => !['hotspots-coverage', 'hotspots-lsoa', 'hotspots-lsoa-log'].includes(f.dataset.figure!));

function form(): HTMLFormElement | null {
  return document.getElementById('hotspot-controls') as HTMLFormElement | null;
}

function dataset(id: string): Promise<HotspotDataset> {
  let p = loaded.get(id);
  if (!p) {
    const entry = page.datasets.find((d) => d.id === id)!;
    p = fetch(entry.file).then(async (r) => {
      if (!r.ok) throw new Error(`${entry.file}: HTTP ${r.status}`);
      const raw: unknown = await r.json();
      // The same schema the build reads it with: a damaged file is named, never analysed.
      const { hotspotDatasetSchema } = await import('../data/schema/hotspots.ts');
      const v = hotspotDatasetSchema.safeParse(raw);
      if (!v.success) throw new Error(`${entry.file} is damaged: at ${v.error.issues[0]!.path.join('.') || 'the top level'}, ${v.error.issues[0]!.message}`);
      return v.data;
    });
    p.then((d) => getWorker().postMessage({ type: 'load', id, dataset: d } satisfies WorkerRequest)).catch(() => loaded.delete(id));
    loaded.set(id, p);
  }
  return p;
}

function getWorker(): Worker {
  worker ??= new Worker(new URL('./hotspots.worker.ts', import.meta.url), { type: 'module' });
  return worker;
}

/** Month options of the chosen data set. */
function fillMonths(months: string[]): void {
  const f = form();
  if (!f) return;
  for (const name of ['from', 'to'] as const) {
    const sel = f.elements.namedItem(name) as HTMLSelectElement;
    const keep = sel.value;
    sel.replaceChildren(...months.map((m) => new Option(monthText(m), m)));
    sel.value = months.includes(keep) ? keep : name === 'from' ? months[0]! : months.at(-1)!;
  }
}

function writeForm(d: HotspotDataset): void {
  const f = form();
  if (!f) return;
  (f.elements.namedItem('data') as HTMLSelectElement).value = state.data;
  fillMonths(d.months);
  (f.elements.namedItem('from') as HTMLSelectElement).value = state.from ?? d.months[0]!;
  (f.elements.namedItem('to') as HTMLSelectElement).value = state.to ?? d.months.at(-1)!;
  const wanted = state.types.length ? state.types : d.types.filter((_, i) => d.isCrime[i]).map(slug);
  for (const box of Array.from(f.querySelectorAll<HTMLInputElement>('input[name=types]'))) {
    box.checked = wanted.includes(box.value);
    box.disabled = !d.types.map(slug).includes(box.value);
  }
  for (const r of Array.from(f.querySelectorAll<HTMLInputElement>('input[name=method]'))) r.checked = r.value === state.method;
  for (const r of Array.from(f.querySelectorAll<HTMLInputElement>('input[name=block]'))) r.checked = r.value === state.block;
  (f.elements.namedItem('adjust') as HTMLSelectElement).value = state.adjust;
  (f.elements.namedItem('cell') as HTMLInputElement).value = state.cell === null ? '' : String(state.cell);
  (f.elements.namedItem('bw') as HTMLInputElement).value = state.bw === null ? '' : String(state.bw);
}

function readForm(d: HotspotDataset | null): HsState | null {
  const f = form();
  if (!f) return null;
  const checked = Array.from(f.querySelectorAll<HTMLInputElement>('input[name=types]:checked:not(:disabled)')).map((b) => b.value);
  if (!checked.length) {
    status('Choose at least one crime type.');
    return null;
  }
  const crimes = d ? d.types.filter((_, i) => d.isCrime[i]).map(slug) : [];
  const isDefaultTypes = d !== null && checked.length === crimes.length && crimes.every((c) => checked.includes(c));
  const num = (name: string) => {
    const v = (f.elements.namedItem(name) as HTMLInputElement).value.trim();
    return v === '' ? null : Number(v);
  };
  const from = (f.elements.namedItem('from') as HTMLSelectElement).value;
  const to = (f.elements.namedItem('to') as HTMLSelectElement).value;
  return {
    data: (f.elements.namedItem('data') as HTMLSelectElement).value,
    types: isDefaultTypes ? [] : checked,
    from: d && from !== d.months[0] ? from : null,
    to: d && to !== d.months.at(-1) ? to : null,
    method: (f.querySelector<HTMLInputElement>('input[name=method]:checked')?.value ?? 'kde') as HsState['method'],
    cell: num('cell'),
    bw: num('bw'),
    adjust: (f.elements.namedItem('adjust') as HTMLSelectElement).value as HsState['adjust'],
    block: (f.querySelector<HTMLInputElement>('input[name=block]:checked')?.value ?? 'count') as HsState['block'],
  };
}

function optionsFor(d: HotspotDataset, s: HsState): AnalysisOptions {
  const slugs = d.types.map(slug);
  const types = s.types.length ? s.types.map((t) => slugs.indexOf(t)).filter((i) => i >= 0) : d.types.map((_, i) => i).filter((i) => d.isCrime[i]);
  const from = s.from ? Math.max(0, d.months.indexOf(s.from)) : 0;
  const to = s.to ? Math.max(from, d.months.indexOf(s.to)) : d.months.length - 1;
  return { types, from, to, cellSize: s.cell, bandwidth: s.bw, adjust: s.adjust, paiShare: 0.05, segmentMeasure: s.block };
}

async function recompute(note?: string): Promise<void> {
  const my = ++seq;
  const figs = viewFigures();
  viewState(figs, 'busy');
  status(`${note ? `${note} ` : ''}Recalculating…`);
  try {
    const d = await dataset(state.data);
    if (my !== seq) return;
    const options = optionsFor(d, state);
    const w = getWorker();
    const result = await new Promise<{ analysis: import('../lib/hotspots/dataset.ts').Analysis; stab: ReturnType<typeof import('../lib/hotspots/dataset.ts').stabilityOf>; ms: number }>((resolve, reject) => {
      const onMsg = (e: MessageEvent<WorkerReply>) => {
        if (e.data.seq !== my) return;
        w.removeEventListener('message', onMsg);
        if (e.data.type === 'error') reject(new Error(e.data.message));
        else resolve(e.data);
      };
      w.addEventListener('message', onMsg);
      w.addEventListener('error', (e) => reject(new Error(e.message)), { once: true });
      w.postMessage({ type: 'analyse', seq: my, id: state.data, options } satisfies WorkerRequest);
    });
    if (my !== seq) return;
    const [views, { applyFigure, setEmbedView }, { renderChart }] = await Promise.all([import('../figures/hotspot-views.ts'), import('./apply-figure.ts'), import('../charts/index.ts')]);
    const entry = page.datasets.find((x) => x.id === state.data)!;
    const ctx = { d, a: result.analysis, method: state.method, source: entry.source, boundarySource: page.boundarySource, networkSource: entry.networkSource, wardSource: entry.wardSource, networkHref: entry.networkHref, typeWord: views.typesInWords(d, options.types), stab: result.stab };
    const built = Object.values(views.VIEW_FIGURES).map((fn) => fn(ctx));
    for (const f of built) {
      const section = document.getElementById(f.id);
      if (section) applyFigure(section, f, { render: renderChart });
    }
    // Embed codes and previews carry the view.
    const q = hsStateToParams(state).toString();
    for (const f of built) {
      const section = document.getElementById(f.id);
      if (section) setEmbedView(section, f, q);
    }
    const card = document.querySelector('#method-card ul');
    if (card) card.replaceChildren(...[...views.methodCard(ctx), ...views.dataNotes(ctx)].map((l) => Object.assign(document.createElement('li'), { textContent: l })));
    // The inputs' placeholders name this view's defaults (they differ between data sets); shown only when empty.
    const f = form();
    if (f && state.cell === null) (f.elements.namedItem('cell') as HTMLInputElement).placeholder = `default (${Math.round(result.analysis.cellSize)})`;
    if (f && state.bw === null) (f.elements.namedItem('bw') as HTMLInputElement).placeholder = `default (${Math.round(result.analysis.bandwidth)})`;
    viewState(figs, 'ready');
    // Problems with the address stay on screen; the new view is announced in words (its timing is kept for the benchmark only).
    status(note || null);
    const map = built.find((f) => f.id === 'hotspots-map');
    if (map) announce(map.title, map.description);
    document.getElementById('hotspot-status')?.setAttribute('data-ms', String(Math.round(result.ms)));
  } catch (e) {
    if (my === seq) {
      status(`The recalculation failed: ${(e as Error).message}. The figures show the previous view.`);
      viewState(figs, 'error');
    }
  }
}

function writeUrl(): void {
  const p = hsStateToParams(state).toString();
  history.replaceState(null, '', p ? `?${p}` : location.pathname);
}

export function initHotspots(): void {
  const el = document.getElementById('hotspot-data');
  if (!el) return;
  page = JSON.parse(el.textContent ?? '{}') as PageData;
  const cat: HsCatalogue = { datasets: page.datasets.map((d) => ({ id: d.id, months: d.months })), typeSlugs: page.typeSlugs };
  const { state: s, problems } = parseHsState(new URLSearchParams(location.search), cat);
  state = s;
  const note = problems.length ? `Not understood in the address: ${problems.join('; ')}. Showing the default instead.` : undefined;
  const isDefault = hsStateToParams(state).toString() === '';
  if (!isDefault || problems.length) viewState(viewFigures(), 'busy');
  ready = (async () => {
    if (!isDefault || problems.length) {
      const d = await dataset(state.data);
      writeForm(d);
      if (problems.length) writeUrl();
      await recompute(note);
    }
  })();
  const f = form();
  if (!f) return;
  let timer: number | undefined;
  f.addEventListener('change', (e) => void onChange(e));
  const onChange = async (e: Event) => {
    const target = e.target as HTMLInputElement;
    viewState(viewFigures(), 'busy');
    if (target.name === 'data') {
      const d = await dataset(target.value);
      state = { ...HS_DEFAULT, data: target.value, method: state.method, adjust: state.adjust, block: state.block, types: state.types.filter((t) => d.types.map(slug).includes(t)) };
      writeForm(d);
    } else {
      const d = await dataset(state.data);
      const next = readForm(d);
      if (!next) {
        // Nothing to compute: drop any pending or running recalculation, so the message stays.
        window.clearTimeout(timer);
        seq++;
        viewState(document.querySelectorAll('[data-figure^="hotspots-"][data-state="busy"]'), 'ready');
        return;
      }
      state = next;
    }
    writeUrl();
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void recompute(), 150);
  };
  f.addEventListener('submit', (e) => e.preventDefault());
  document.getElementById('hs-reset')?.addEventListener('click', () => void reset());
  const reset = async () => {
    viewState(viewFigures(), 'busy');
    state = { ...HS_DEFAULT };
    const d = await dataset(state.data);
    writeForm(d);
    writeUrl();
    await recompute();
  };
}
