/**
 * The atlas in the browser: reads the view from the URL, lets the reader change
 * indicator, geography, classification and comparison, finds areas, and redraws
 * the map figure (title, description, table, downloads, embed code) from the
 * static JSON files. Plot is loaded only for the comparison scatter.
 */
import { blobLink } from './downloads.ts';
import { prepareTitles } from './figures.ts';
import {
  DEFAULT_STATE,
  describeView,
  formatValue,
  LEVEL_META,
  METHOD_LABEL,
  parseState,
  pearson,
  rankAreas,
  stateToParams,
  unitLabel,
  type AtlasAreas,
  type AtlasIndicatorData,
  type AtlasLevel,
  type AtlasState,
  type IndicatorMeta,
} from '../lib/atlas-view.ts';
import type { Topology } from 'topojson-specification';

const BASE = import.meta.env.BASE_URL;
const url = (p: string) => BASE + p;
const cache = new Map<string, Promise<unknown>>();
function getJson<T>(path: string): Promise<T> {
  let p = cache.get(path);
  if (!p) {
    p = fetch(url(path)).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${path}: HTTP ${r.status}`))));
    cache.set(path, p);
  }
  return p as Promise<T>;
}
const catalogue = () => getJson<{ indicators: IndicatorMeta[] }>('data/indicators.json').then((c) => c.indicators);
const areasOf = (l: AtlasLevel) => getJson<AtlasAreas>(`data/atlas/${l}/areas.json`);
const dataOf = (l: AtlasLevel, id: string) => getJson<AtlasIndicatorData>(`data/atlas/${l}/${id}.json`);
const topoOf = (l: AtlasLevel) => getJson<Topology>(`data/${LEVEL_META[l].topo}`);

type SourceInfo = { title: string; publisher: string; licence: string; attribution: string; page: string };
let state: AtlasState = { ...DEFAULT_STATE };
/** Resolves once the view in the address has been applied: searches wait for it, so they look in the right geography. */
let ready: Promise<void> = Promise.resolve();
let renderSeq = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function status(msg: string | null): void {
  const s = document.getElementById('atlas-status');
  if (!s) return;
  s.hidden = !msg;
  s.textContent = msg ?? '';
}

function csvOf(rows: (string | number)[][]): string {
  return rows.map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\n') + '\n';
}

async function render(): Promise<void> {
  const seq = ++renderSeq;
  const fig = document.getElementById('atlas-map');
  if (!fig) return;
  fig.setAttribute('aria-busy', 'true');
  try {
    const cat = await catalogue();
    const meta = cat.find((c) => c.id === state.indicator)!;
    const [areas, data, topo] = await Promise.all([areasOf(state.level), dataOf(state.level, state.indicator), topoOf(state.level)]);
    if (seq !== renderSeq) return;
    const L = LEVEL_META[state.level];
    const ranked = rankAreas(areas, data);
    const breaks = data.breaks[state.method][String(state.classes)]!;
    const names = Object.fromEntries(areas.codes.map((c, i) => [c, areas.names[i]!]));
    const f = (v: number) => formatValue(meta.unit, v);
    const title = `${meta.title}, by ${L.inTitle}`;
    // The map code (d3-geo, topojson-client) loads on the first redraw, not with the page.
    const [{ choroplethChart }, { SEQ }] = await Promise.all([import('../charts/choropleth.ts'), import('../charts/common.ts')]);
    if (seq !== renderSeq) return;
    const svg = choroplethChart(
      topo,
      ranked.map((r) => ({ code: r.code, value: r.value, title: `${r.name} (${r.code}): ${f(r.value)}; rank ${r.rank.toLocaleString('en-GB')} of ${ranked.length.toLocaleString('en-GB')}` })),
      {
        width: 720,
        document,
        ariaLabel: title,
        objectName: L.object,
        names,
        palette: SEQ[state.classes],
        breaks,
        legendLabel: unitLabel(meta),
        noDataLabel: 'No value',
        formatValue: f,
        highlight: state.area ?? undefined,
      },
    );
    prepareTitles(svg);
    const chart = fig.querySelector('.fig-chart .fig-variant')!;
    chart.querySelector('svg')?.replaceWith(svg);
    fig.querySelector('.fig-title')!.textContent = title;
    fig.querySelector('.fig-subtitle')!.textContent = `${meta.theme} · ${meta.period} · ${L.boundaries} · ${state.classes} classes by ${METHOD_LABEL[state.method]}`;
    fig.querySelector('.fig-description')!.textContent = describeView(meta, state.level, ranked, areas.codes.length, state);
    // Table.
    const table = fig.querySelector('table')!;
    table.querySelector('caption')!.textContent = `${meta.title} by ${L.inTitle}, highest first`;
    const heads = table.querySelectorAll('thead th');
    heads[1]!.textContent = L.label;
    heads[3]!.textContent = unitLabel(meta);
    const tbody = el('tbody');
    for (const r of ranked) {
      const tr = el('tr');
      tr.append(el('th', String(r.rank), { scope: 'row' }), el('td', r.name), el('td', r.code), el('td', f(r.value), { class: 'num' }));
      if (r.code === state.area) tr.className = 'is-selected';
      tbody.append(tr);
    }
    table.querySelector('tbody')!.replaceWith(tbody);
    // Bring the selected area's row into view inside the table's own scroll box (not the page).
    const wrap = table.closest<HTMLElement>('.table-wrap');
    const sel = tbody.querySelector<HTMLElement>('tr.is-selected');
    if (wrap) wrap.scrollTop = sel ? Math.max(0, sel.offsetTop - wrap.clientHeight / 3) : 0;
    // Sources and notes.
    const sources = JSON.parse(document.getElementById('atlas-sources')?.textContent ?? '{}') as Record<string, SourceInfo>;
    const meta2 = fig.querySelector('.fig-meta')!;
    meta2.replaceChildren(
      ...meta.sources.split(';').map((id) => {
        const s = sources[id];
        const p = el('p', undefined, { class: 'fig-source' });
        if (!s) {
          p.textContent = `Source: ${id}.`;
          return p;
        }
        const a = el('a', s.title, { href: s.page, rel: 'external' });
        p.append('Source: ', a, `, ${s.publisher} (data for ${meta.period}). ${s.attribution}`);
        return p;
      }),
    );
    const notes = fig.querySelector('.fig-notes');
    notes?.replaceChildren(
      ...[meta.definition, `Boundaries: ${meta.vintage}.`, `Classes: ${METHOD_LABEL[state.method]}, computed when the site is built; upper bounds ${breaks.map(f).join(', ')}.`].map((t) => el('li', t)),
    );
    // Downloads and embed code carry the view.
    const q = stateToParams(state).toString();
    const slug = `atlas-${state.indicator}-${state.level}`;
    blobLink(fig.querySelector('a[href$="atlas-map.csv"], a[data-kind="csv"]'), csvOf([['rank', 'area_code', 'area_name', state.indicator], ...ranked.map((r) => [r.rank, r.code, r.name, r.value])]), 'text/csv', `${slug}.csv`);
    fig.querySelector('a[href$="atlas-map.csv"]')?.setAttribute('data-kind', 'csv');
    const svgLink = fig.querySelector<HTMLAnchorElement>('a[href$="atlas-map.svg"], a[data-kind="svg"]');
    svgLink?.setAttribute('data-kind', 'svg');
    blobLink(svgLink, new XMLSerializer().serializeToString(svg), 'image/svg+xml', `${slug}.svg`);
    fig.dataset.figure = 'atlas-map';
    const embed = fig.querySelector<HTMLTextAreaElement>('.embed-code');
    if (embed) embed.value = embed.value.replace(/embed\/atlas-map\/[^"]*"/, `embed/atlas-map/?${q}"`);
    if (document.body.dataset.embedId !== 'atlas-map') history.replaceState(null, '', `${location.pathname}?${q}`);
    // A selected borough or ward links to its profile page.
    const link = document.getElementById('atlas-area-link');
    if (link) {
      const i = state.area ? areas.codes.indexOf(state.area) : -1;
      if (i >= 0 && (state.level === 'borough' || state.level === 'ward')) {
        const a = el('a', `Open the profile of ${areas.names[i]}`, { href: url(`area/${state.area}/`) });
        link.replaceChildren(a);
        link.hidden = false;
      } else {
        link.hidden = true;
        link.replaceChildren();
      }
    }
    await renderCompare(cat, meta, areas, data, seq);
  } catch (e) {
    status(`The view could not be drawn: ${(e as Error).message}. The map below shows the last view that loaded.`);
  } finally {
    fig.removeAttribute('aria-busy');
  }
}

async function renderCompare(cat: IndicatorMeta[], meta: IndicatorMeta, areas: AtlasAreas, data: AtlasIndicatorData, seq: number): Promise<void> {
  const box = document.getElementById('atlas-compare');
  if (!box) return;
  if (!state.compare) {
    box.hidden = true;
    return;
  }
  const other = cat.find((c) => c.id === state.compare)!;
  const [odata, { scatterChart }] = await Promise.all([dataOf(state.level, other.id), import('../charts/scatter.ts')]);
  if (seq !== renderSeq) return;
  const { r, n } = pearson(data.values, odata.values);
  const points = areas.codes
    .map((code, i) => ({ code, name: areas.names[i]!, x: data.values[i], y: odata.values[i] }))
    .filter((p): p is { code: string; name: string; x: number; y: number } => p.x !== null && p.y !== null && p.x !== undefined && p.y !== undefined);
  const svg = scatterChart(points, { width: 720, document, xLabel: meta.title, yLabel: other.title, selected: state.area, ariaLabel: `${other.title} against ${meta.title}` });
  prepareTitles(svg);
  box.hidden = false;
  box.querySelector('.fig-title')!.textContent = `${other.title} against ${meta.title}, by ${LEVEL_META[state.level].inTitle}`;
  box.querySelector('.fig-subtitle')!.textContent = `Pearson correlation r = ${r.toFixed(2)} across ${n.toLocaleString('en-GB')} ${LEVEL_META[state.level].plural}; the line is the least-squares fit; the three areas furthest from it are named.`;
  const strength = Math.abs(r) >= 0.7 ? 'strong' : Math.abs(r) >= 0.4 ? 'moderate' : Math.abs(r) >= 0.2 ? 'weak' : 'little or no';
  box.querySelector('.fig-description')!.textContent = `There is ${strength} ${r >= 0 ? 'positive' : 'negative'} linear association (r = ${r.toFixed(2)}): ${Math.abs(r) < 0.2 ? 'knowing one tells little about the other' : r > 0 ? 'areas higher on one tend to be higher on the other' : 'areas higher on one tend to be lower on the other'}. Correlation between areas says nothing about individuals, nor about cause.`;
  box.querySelector('.fig-chart')!.replaceChildren(svg);
}

function syncControls(cat: IndicatorMeta[]): void {
  const meta = cat.find((c) => c.id === state.indicator)!;
  const levels = meta.levels.split(';');
  const form = document.getElementById('atlas-controls') as HTMLFormElement | null;
  if (!form) return;
  (form.elements.namedItem('indicator') as HTMLSelectElement).value = state.indicator;
  for (const radio of Array.from(form.querySelectorAll<HTMLInputElement>('input[name=level]'))) {
    radio.disabled = !levels.includes(radio.value);
    radio.checked = radio.value === state.level;
  }
  (form.elements.namedItem('method') as HTMLSelectElement).value = state.method;
  (form.elements.namedItem('classes') as HTMLSelectElement).value = String(state.classes);
  const compare = form.elements.namedItem('compare') as HTMLSelectElement;
  for (const o of Array.from(compare.options)) o.disabled = o.value !== '' && (o.value === state.indicator || !(o.dataset.levels ?? '').split(';').includes(state.level));
  compare.value = state.compare ?? '';
}

function wireControls(): void {
  const form = document.getElementById('atlas-controls') as HTMLFormElement | null;
  if (!form) return;
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('change', async (e) => {
    const t = e.target as HTMLInputElement | HTMLSelectElement;
    const cat = await catalogue();
    status(null);
    if (t.name === 'indicator') {
      state.indicator = t.value;
      const levels = cat.find((c) => c.id === t.value)!.levels.split(';') as AtlasLevel[];
      if (!levels.includes(state.level)) state.level = levels.includes('borough') ? 'borough' : levels[0]!;
      if (state.compare && !cat.find((c) => c.id === state.compare)!.levels.split(';').includes(state.level)) state.compare = null;
    } else if (t.name === 'level') {
      state.level = t.value as AtlasLevel;
      state.area = null;
      if (state.compare && !cat.find((c) => c.id === state.compare)!.levels.split(';').includes(state.level)) state.compare = null;
    } else if (t.name === 'method') state.method = t.value as AtlasState['method'];
    else if (t.name === 'classes') state.classes = Number(t.value);
    else if (t.name === 'compare') state.compare = t.value || null;
    else return;
    if (state.compare === state.indicator) state.compare = null;
    syncControls(cat);
    await render();
  });
  const filter = document.getElementById('indicator-filter') as HTMLInputElement | null;
  const select = form.elements.namedItem('indicator') as HTMLSelectElement;
  filter?.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const o of Array.from(select.options)) {
      const hit = !q || o.textContent!.toLowerCase().includes(q) || o.value.includes(q) || (o.parentElement as HTMLOptGroupElement).label.toLowerCase().includes(q);
      o.hidden = !hit;
      if (hit) shown++;
    }
    const count = document.getElementById('indicator-count');
    if (count) count.textContent = q ? `${shown} indicator${shown === 1 ? '' : 's'} match "${filter.value.trim()}".` : '';
  });
}

/** A WAI-ARIA combobox: type a name or code, arrow through matches, Enter to select. */
function wireSearch(): void {
  const input = document.getElementById('area-search') as HTMLInputElement | null;
  const list = document.getElementById('area-options') as HTMLUListElement | null;
  if (!input || !list) return;
  let matches: { code: string; name: string }[] = [];
  let active = -1;
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const paint = () => {
    list.replaceChildren(
      ...matches.map((m, i) => {
        const li = el('li', `${m.name} (${m.code})`, { role: 'option', id: `area-opt-${i}`, 'aria-selected': String(i === active), 'data-code': m.code });
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          void choose(i);
        });
        return li;
      }),
    );
    if (!matches.length) list.replaceChildren(el('li', 'No area matches', { role: 'option', 'aria-disabled': 'true' }));
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `area-opt-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const choose = async (i: number) => {
    const m = matches[i];
    if (!m) return;
    input.value = `${m.name} (${m.code})`;
    close();
    state.area = m.code;
    await render();
    document.querySelector('#atlas-map .lca-selected')?.scrollIntoView({ block: 'nearest' });
  };
  input.addEventListener('input', async () => {
    await ready;
    const q = input.value.trim().toLowerCase();
    if (q.length < 2) return close();
    const areas = await areasOf(state.level);
    matches = areas.codes
      .map((code, i) => ({ code, name: areas.names[i]! }))
      .filter((a) => a.name.toLowerCase().includes(q) || a.code.toLowerCase().startsWith(q))
      .slice(0, 12);
    active = -1;
    paint();
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') active = Math.min(matches.length - 1, active + 1);
    else if (e.key === 'ArrowUp') active = Math.max(0, active - 1);
    else if (e.key === 'Enter') {
      e.preventDefault();
      void choose(active >= 0 ? active : 0);
      return;
    } else if (e.key === 'Escape') return close();
    else return;
    e.preventDefault();
    paint();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}

export async function initAtlas(): Promise<void> {
  wireControls();
  wireSearch();
  const params = new URLSearchParams(location.search);
  const keys = ['indicator', 'level', 'method', 'classes', 'area', 'compare'];
  if (!keys.some((k) => params.has(k))) return; // the static default view is already on the page
  ready = (async () => {
    const cat = await catalogue();
    const { state: s, problems } = parseState(params, cat);
    state = s;
    if (problems.length) status(`Some of the address could not be used (${problems.join('; ')}), so defaults are shown for those parts.`);
    syncControls(cat);
  })();
  await ready;
  await render();
}
