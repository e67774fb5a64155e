/**
 * The incident explorer in the browser: loads a data set's records (one borough, or all
 * of the Met extract on demand), keeps the view in the address, and on every change
 * filters the records (src/lib/explorer.ts), redraws the five linked figures with the
 * build's figure functions through applyFigure, refills the record table and points the
 * download at exactly the filtered records.
 */
import type { Topology } from 'topojson-specification';
import { buildRecords, crossCount, defaultFilter, explorerInput, masksOf, recordRow, selectedRows, type ExplorerFilter, type Records } from '../lib/explorer.ts';
import { EXPLORER_TABLE_ROWS, explorerParams, parseExplorerParams, resolveFilter, type ExplorerState } from '../lib/explorer-state.ts';
import { explorerFigures, type ExplorerContext } from '../figures/explorer.ts';
import type { ExplorerPageOption } from '../figures/explorer-default.ts';
import { hotspotDatasetSchema } from '../data/schema/hotspots.ts';
import { explorerFileSchema } from '../data/schema/explorer.ts';
import { applyFigure, setEmbedView, wireSection } from './apply-figure.ts';
import { renderChart } from '../charts/index.ts';
import { el, statusLine, viewState } from './dom.ts';
import { toCsv } from '../lib/csv.ts';
import { formatInt } from '../lib/format.ts';

type Option = ExplorerPageOption;
interface Config {
  options: Option[];
  boroughs: string;
  defaultId: string;
}

const status = (msg: string | null) => statusLine('explorer-status', msg);
const sections = () => Array.from(document.querySelectorAll<HTMLElement>('section.lca-figure[id^="explorer-"]'));

async function getJson(url: string): Promise<unknown> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

/** One data set's records input, checked against the schemas the build uses. */
async function loadInput(o: Option) {
  const [d, x] = await Promise.all([getJson(o.file), getJson(o.explorerFile)]);
  const ds = hotspotDatasetSchema.safeParse(d);
  if (!ds.success) throw new Error(`${o.file} is not a street-level data set: ${ds.error.issues[0]?.message ?? ''}`);
  const ex = explorerFileSchema.safeParse(x);
  if (!ex.success) throw new Error(`${o.explorerFile} is not an explorer file: ${ex.error.issues[0]?.message ?? ''}`);
  return explorerInput(ds.data, ex.data);
}

/** The Met data sets loaded together ("all"), or one data set. */
async function loadRecords(cfg: Config, id: string, progress: (done: number, of: number) => void): Promise<Records> {
  const list = id === 'met-all' ? cfg.options.filter((o) => o.id.startsWith('met-')) : cfg.options.filter((o) => o.id === id);
  const inputs = [];
  for (const [i, o] of list.entries()) {
    progress(i, list.length);
    inputs.push(await loadInput(o));
  }
  return buildRecords(inputs);
}

function contextOf(cfg: Config, id: string, boroughs: Topology): ExplorerContext {
  if (id === 'met-all') {
    const met = cfg.options.filter((o) => o.id.startsWith('met-'));
    return { place: `${met.length} Metropolitan Police boroughs`, force: met[0]!.force, sources: met[0]!.sources, outcomeSource: met[0]!.outcomeSource, boroughs };
  }
  const o = cfg.options.find((x) => x.id === id)!;
  return { place: o.place, force: o.force, sources: o.sources, outcomeSource: o.outcomeSource, boroughs };
}

/** The controls that depend on the records loaded: months, areas, crime types and outcomes. */
function fillControls(form: HTMLFormElement, r: Records): void {
  const months = (name: string) => {
    const sel = form.elements.namedItem(name) as HTMLSelectElement;
    sel.replaceChildren(...r.months.map((m) => el('option', new Date(`${m}-01T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }), { value: m })));
  };
  months('from');
  months('to');
  const area = form.elements.namedItem('area') as HTMLSelectElement;
  const label = form.querySelector<HTMLLabelElement>('label[for="explorer-area"]');
  if (label) label.textContent = r.boroughs.length > 1 ? `Borough or ${r.partKind}` : r.partKind === 'LSOA' ? 'LSOA' : 'Ward';
  const partOptions = (b: number | null) =>
    [...r.parts.keys()]
      .filter((i) => b === null || r.parts[i]!.borough === b)
      .sort((a, c) => (r.parts[a]!.name || r.parts[a]!.code).localeCompare(r.parts[c]!.name || r.parts[c]!.code, 'en-GB'))
      .map((i) => el('option', `${r.parts[i]!.name || r.parts[i]!.code} (${r.parts[i]!.code})`, { value: r.parts[i]!.code }));
  if (r.boroughs.length > 1) {
    area.replaceChildren(
      el('option', 'All', { value: '' }),
      ...r.boroughs.map((b, i) => {
        const g = document.createElement('optgroup');
        g.label = b.name;
        g.append(el('option', `All of ${b.name}`, { value: b.code }), ...partOptions(i));
        return g;
      }),
    );
  } else area.replaceChildren(el('option', 'All', { value: '' }), ...partOptions(null));
  const check = (name: string, list: string[]) =>
    list.map((v, i) => {
      const l = el('label', undefined, { class: 'check' });
      const box = el('input', undefined, { type: 'checkbox', name, value: v });
      l.append(box, ` ${v} `, el('span', '', { class: 'count', [`data-${name}-count`]: String(i) }));
      return l;
    });
  document.getElementById('explorer-type-list')?.replaceChildren(...check('type', r.types));
  document.getElementById('explorer-outcome-list')?.replaceChildren(...check('outcome', r.outcomes));
}

/** The controls showing a filter, and the counts beside each choice. */
function syncControls(form: HTMLFormElement, r: Records, s: ExplorerState, f: ExplorerFilter, counts: ReturnType<typeof crossCount>): void {
  (form.elements.namedItem('data') as HTMLSelectElement).value = s.data;
  (form.elements.namedItem('from') as HTMLSelectElement).value = r.months[f.from]!;
  (form.elements.namedItem('to') as HTMLSelectElement).value = r.months[f.to]!;
  const area = form.elements.namedItem('area') as HTMLSelectElement;
  area.value = s.area && Array.from(area.options).some((o) => o.value === s.area) ? s.area : '';
  const street = form.elements.namedItem('street') as HTMLInputElement;
  if (street.value !== s.street) street.value = s.street;
  for (const box of Array.from(form.querySelectorAll<HTMLInputElement>('input[name=type]'))) box.checked = f.types.includes(r.types.indexOf(box.value));
  for (const box of Array.from(form.querySelectorAll<HTMLInputElement>('input[name=outcome]'))) box.checked = f.outcomes.includes(r.outcomes.indexOf(box.value));
  for (const c of Array.from(form.querySelectorAll<HTMLElement>('[data-type-count]'))) c.textContent = `(${formatInt(counts.byType[Number(c.dataset.typeCount)] ?? 0)})`;
  for (const c of Array.from(form.querySelectorAll<HTMLElement>('[data-outcome-count]'))) c.textContent = `(${formatInt(counts.byOutcome[Number(c.dataset.outcomeCount)] ?? 0)})`;
}

const CSV_COLUMNS = ['month', 'crime_type', 'outcome', 'location', 'area_code', 'area_name', 'borough', 'longitude', 'latitude'];

/** Exactly the filtered records as CSV, one row a record (made when the reader reaches for the link). */
export function recordsCsv(r: Records, rows: Uint32Array): string {
  const out: (string | number)[][] = [];
  for (const i of rows) {
    const x = recordRow(r, i);
    out.push([x.month, x.type, x.outcome, x.street, x.partCode, x.partName, x.borough, x.lon, x.lat]);
  }
  return toCsv(CSV_COLUMNS, out);
}

export async function initExplorer(): Promise<void> {
  const cfgEl = document.getElementById('explorer-config');
  // The page has the controls; an embed has one figure and takes its view from the address.
  const form = document.getElementById('explorer-controls') as HTMLFormElement | null;
  if (!cfgEl) return;
  const cfg = JSON.parse(cfgEl.textContent) as Config;
  const secs = sections();
  for (const s of secs) wireSection(s);
  let boroughs: Topology | null = null;
  // Loads in progress are kept too: a change made while "all boroughs" loads does not start a second download.
  const loaded = new Map<string, Promise<Records>>();
  let records: Records | null = null;
  let loadedId = '';
  let seq = 0;
  let exportView: (() => { text: string; name: string }) | null = null;
  document.getElementById('explorer-export')?.addEventListener('click', (e) => {
    e.preventDefault();
    const make = exportView;
    if (!make) return;
    const { text, name } = make();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  });
  const parsed = parseExplorerParams(new URLSearchParams(location.search), [...cfg.options.map((o) => o.id), 'met-all'], cfg.defaultId);
  let state = parsed.state;
  let notes = parsed.problems;

  const draw = async (): Promise<void> => {
    const my = ++seq;
    viewState(secs, 'busy');
    form?.setAttribute('aria-busy', 'true');
    try {
      boroughs ??= (await getJson(cfg.boroughs)) as Topology;
      if (loadedId !== state.data) {
        let pending = loaded.get(state.data);
        if (!pending) {
          pending = loadRecords(cfg, state.data, (done, of) => status(of > 1 ? `Loading the records of borough ${done + 1} of ${of}…` : 'Loading the records…'));
          loaded.set(state.data, pending);
          const id = state.data;
          pending.catch(() => loaded.delete(id));
        }
        const r = await pending;
        if (my !== seq) return;
        records = r;
        loadedId = state.data;
        if (form) fillControls(form, r);
      }
      const r = records!;
      const t0 = performance.now();
      const { filter, problems } = resolveFilter(r, state);
      const masks = masksOf(r, filter);
      const counts = crossCount(r, masks);
      const t1 = performance.now();
      const ctx = contextOf(cfg, state.data, boroughs);
      // The address names only what differs from the default view.
      const def = defaultFilter(r).types;
      const canonical: ExplorerState = {
        ...state,
        from: filter.from === 0 ? null : r.months[filter.from]!,
        to: filter.to === r.months.length - 1 ? null : r.months[filter.to]!,
        types: filter.types.length === def.length && filter.types.every((t) => def.includes(t)) ? null : filter.types.filter((t) => t >= 0).map((t) => r.types[t]!),
        outcomes: filter.outcomes.map((o) => r.outcomes[o]!),
      };
      const q = explorerParams(canonical, cfg.defaultId).toString();
      for (const fig of explorerFigures(r, filter, counts, ctx)) {
        const sec = document.getElementById(fig.id);
        if (!sec) continue;
        applyFigure(sec, fig, { render: renderChart });
        // Embed codes and previews carry the view, as the address does.
        setEmbedView(sec, fig, q);
      }
      if (form) syncControls(form, r, state, filter, counts);
      // The record table: the first rows; the download: every filtered row.
      const first = selectedRows(r, masks, EXPLORER_TABLE_ROWS);
      document.getElementById('explorer-rows')?.replaceChildren(
        ...[...first].map((i) => {
          const x = recordRow(r, i);
          const tr = document.createElement('tr');
          for (const v of [x.month, x.type, x.outcome, x.street, r.boroughs.length > 1 ? `${x.partName || x.partCode}, ${x.borough}` : x.partName || x.partCode]) tr.append(el('td', v));
          return tr;
        }),
      );
      const areaCol = document.getElementById('explorer-area-col');
      if (areaCol) areaCol.textContent = r.partKind === 'LSOA' ? 'LSOA' : r.boroughs.length > 1 ? 'Ward, borough' : 'Ward';
      const summary = document.getElementById('explorer-records-summary');
      if (summary) summary.textContent = counts.total ? `The first ${formatInt(first.length)} of the ${formatInt(counts.total)} records that pass the filters, oldest month first. The download has all of them.` : 'No record passes the filters.';
      const sum = document.getElementById('explorer-summary');
      if (sum) sum.replaceChildren(el('strong', formatInt(counts.total)), ` record${counts.total === 1 ? '' : 's'} match the filters.`);
      const link = document.getElementById('explorer-export') as HTMLAnchorElement | null;
      if (link) {
        link.textContent = `Download exactly the ${formatInt(counts.total)} filtered records (CSV)`;
        // Made on click only (not on focus): all boroughs' records are up to 1.8 million rows.
        exportView = () => ({ text: recordsCsv(r, selectedRows(r, masks)), name: `street-records-${state.data}.csv` });
      }
      if (form) history.replaceState(null, '', q ? `${location.pathname}?${q}` : location.pathname);
      const all = [...notes, ...problems];
      notes = [];
      status(all.length ? `Some of the view could not be used (${all.join('; ')}), so defaults are shown for those parts.` : null);
      // The engine's time and the whole redraw's, for the benchmark (bench/explorer.ts).
      const st = document.getElementById('explorer-status');
      if (st) {
        st.dataset.filterMs = (t1 - t0).toFixed(2);
        st.dataset.drawMs = (performance.now() - t0).toFixed(1);
        st.dataset.rows = String(r.n);
      }
      viewState(secs, 'ready');
    } catch (e) {
      if (my !== seq) return;
      console.error(e);
      status(`The records could not be shown: ${(e as Error).message}.`);
      viewState(secs, 'error');
    } finally {
      if (my === seq) form?.removeAttribute('aria-busy');
    }
  };

  if (!form) return draw();
  form.addEventListener('submit', (e) => e.preventDefault());
  const readForm = (): ExplorerState => {
    const v = (n: string) => (form.elements.namedItem(n) as HTMLInputElement | HTMLSelectElement).value;
    const ticked = (n: string) => Array.from(form.querySelectorAll<HTMLInputElement>(`input[name=${n}]:checked`)).map((b) => b.value);
    return { data: v('data'), from: v('from'), to: v('to'), types: ticked('type'), outcomes: ticked('outcome'), area: v('area') || null, street: v('street') };
  };
  form.addEventListener('change', (e) => {
    const t = e.target as HTMLInputElement;
    if (t.name === 'data') state = { data: t.value, from: null, to: null, types: null, outcomes: [], area: null, street: '' };
    else if (t.name !== 'street') state = readForm();
    else return;
    void draw();
  });
  let typing: ReturnType<typeof setTimeout> | undefined;
  document.getElementById('explorer-street')?.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state = readForm();
      void draw();
    }, 150);
  });
  form.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-select], #explorer-reset');
    if (!b || !records) return;
    const r = records;
    if (b.id === 'explorer-reset') state = { data: state.data, from: null, to: null, types: null, outcomes: [], area: null, street: '' };
    else if (b.dataset.select === 'type:crimes') state = { ...readForm(), types: null };
    else if (b.dataset.select === 'type:all') state = { ...readForm(), types: [...r.types] };
    else if (b.dataset.select === 'outcome:none') state = { ...readForm(), outcomes: [] };
    void draw();
  });
  // The static page shows the default view; a view in the address, or any change, is drawn here.
  await draw();
}
