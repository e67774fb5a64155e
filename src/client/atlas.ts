/**
 * The atlas in the browser: reads the view from the address, lets the reader change
 * indicator, geography, classification and comparison, finds areas, and draws the
 * view with the same figure functions as the build (src/figures/atlas-view.ts) through
 * the shared figure anatomy (applyFigure). A change on the same geography recolours
 * the drawn areas instead of projecting them again; long tables show their top,
 * bottom and selected rows, with every row on demand and in the CSV. The map code
 * loads on the first redraw, Plot only with the comparison.
 */
import { announce, el, statusLine, viewState } from './dom.ts';
import { echo } from '../lib/url-notes.ts';
import {
  canCompare,
  DEFAULT_STATE,
  LEVEL_META,
  LEVEL_ORDER,
  parseState,
  stateToParams,
  type AtlasAreas,
  type AtlasIndicatorData,
  type AtlasLevel,
  type AtlasState,
  type IndicatorMeta,
} from '../lib/atlas-view.ts';
import type { AtlasSource } from '../figures/atlas-view.ts';
import type { ChartRenderer } from './apply-figure.ts';
import type { ChartSpec } from '../charts/index.ts';
import type { Figure } from '../figures/types.ts';
import type { Topology } from 'topojson-specification';

const BASE = import.meta.env.BASE_URL;
const url = (p: string) => BASE + p;
/**
 * Loads (JSON files and code), each once. A load already done gives its value at once,
 * not a promise: a view whose data and code are loaded is drawn in the same task as the
 * change that asked for it, with no frame painted in between.
 */
const pending = new Map<string, Promise<unknown>>();
const loaded = new Map<string, unknown>();
function once<T>(key: string, load: () => Promise<T>): T | Promise<T> {
  if (loaded.has(key)) return loaded.get(key) as T;
  let p = pending.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load().then((v) => (loaded.set(key, v), v));
    p.catch(() => pending.delete(key));
    pending.set(key, p);
  }
  return p;
}
/** The values of loads, at once when all are done, else when they are. */
function when<T extends readonly unknown[]>(xs: T): { [K in keyof T]: Awaited<T[K]> } | Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  return (xs.some((x) => x instanceof Promise) ? Promise.all(xs) : xs) as never;
}
const getJson = <T,>(path: string) =>
  once<T>(path, () => fetch(url(path)).then((r) => (r.ok ? (r.json() as Promise<T>) : Promise.reject(new Error(`${path}: HTTP ${r.status}`)))));
const catalogue = () => once('catalogue', async () => ((await getJson<{ indicators: IndicatorMeta[] }>('data/indicators.json'))).indicators);
const areasOf = (l: AtlasLevel) => getJson<AtlasAreas>(`data/atlas/${l}/areas.json`);
const dataOf = (l: AtlasLevel, id: string) => getJson<AtlasIndicatorData>(`data/atlas/${l}/${id}.json`);
const topoOf = (l: AtlasLevel) => getJson<Topology>(`data/${LEVEL_META[l].topo}`);
const viewsCode = () => once('views', () => import('../figures/atlas-view.ts'));
const applyCode = () => once('apply', () => import('./apply-figure.ts'));
const choroCode = () => once('choropleth', () => import('../charts/choropleth.ts'));
const scatterCode = () => once('scatter', () => import('../charts/scatter.ts'));

let state: AtlasState = { ...DEFAULT_STATE };
/** Resolves once the view in the address has been applied: searches wait for it, so they look in the right geography. */
let ready: Promise<void> = Promise.resolve();
/** Whether a view has been drawn (the first is not announced). */
let announced = false;
let renderSeq = 0;
/** The comparison on show (none when off): applied again only when its figure changes (its indicators, geography or selected area). */
let compareShown: Figure | null = null;

const status = (msg: string | null) => statusLine('atlas-status', msg);
const sections = () => ['atlas-map', 'atlas-compare'].map((id) => document.getElementById(id)).filter((e): e is HTMLElement => !!e);

/**
 * The maps drawn in this page, by geography and width, kept when another geography
 * replaces them: a return to a geography recolours its drawing instead of making its
 * hundreds or thousands of areas again (measured in bench/atlas.ts).
 */
const drawings = new WeakMap<Topology, Map<string, SVGSVGElement>>();
const drawingKey = (objectName: string | undefined, width: number) => `${objectName ?? 'boroughs'}:${width}`;
function keptDrawing(topology: Topology, key: string): SVGSVGElement | undefined {
  const svg = drawings.get(topology)?.get(key);
  return svg && !svg.isConnected ? svg : undefined;
}
function keepDrawing(topology: Topology, key: string, svg: SVGSVGElement): void {
  let byKey = drawings.get(topology);
  if (!byKey) drawings.set(topology, (byKey = new Map<string, SVGSVGElement>()));
  byKey.set(key, svg);
}

/**
 * The figures made in this page, by what each is made from (the files of a view do not
 * change while the page is open: the map from the indicator, geography, classes and
 * selected area; the comparison from the two indicators, geography and selected area),
 * the latest 24 kept: a return to a view reuses its figures, and with them the drawings
 * made for them (below).
 */
const FIGURES_KEPT = 24;
const figures = new Map<string, Figure>();
function figureOf(key: readonly unknown[], make: () => Figure): Figure {
  const k = JSON.stringify(key);
  let f = figures.get(k);
  if (f) figures.delete(k);
  else f = make();
  figures.set(k, f);
  if (figures.size > FIGURES_KEPT) figures.delete(figures.keys().next().value!);
  return f;
}
/**
 * The chart each kept map drawing was last coloured for: coloured again for the same
 * chart, only its tab stop would change (a return keeps the area the reader last
 * reached with the arrow keys).
 */
const colouredFor = new WeakMap<SVGSVGElement, ChartSpec>();
/** The comparison scatters drawn in this page, by chart and width: a return to a view shows its drawing again. */
const scatters = new WeakMap<ChartSpec, Map<number, SVGSVGElement>>();

/** The chart kinds the atlas draws: the choropleth (recoloured in place when the areas are the same) and, with a comparison, the scatter. */
function renderer(choro: typeof import('../charts/choropleth.ts'), scatter: typeof import('../charts/scatter.ts') | null): ChartRenderer {
  return {
    render: (spec: ChartSpec, base) => {
      if (spec.kind === 'choropleth') {
        // A standalone drawing (a download) is always new; a drawing for the page may be one kept from before.
        if (base.inline) return choro.choroplethFromSpec(spec, { ...base, tips: true });
        const key = drawingKey(spec.objectName, base.width);
        const kept = keptDrawing(spec.topology, key);
        if (kept && (colouredFor.get(kept) === spec || choro.recolourFromSpec(kept, spec, { ...base, tips: true }))) {
          colouredFor.set(kept, spec);
          return kept;
        }
        const svg = choro.choroplethFromSpec(spec, { ...base, tips: true });
        keepDrawing(spec.topology, key, svg);
        colouredFor.set(svg, spec);
        return svg;
      }
      if (spec.kind === 'scatter' && scatter) {
        if (base.inline) return scatter.scatterFromSpec(spec, base);
        let byWidth = scatters.get(spec);
        if (!byWidth) scatters.set(spec, (byWidth = new Map<number, SVGSVGElement>()));
        const kept = byWidth.get(base.width);
        if (kept && !kept.isConnected) return kept;
        const svg = scatter.scatterFromSpec(spec, base);
        byWidth.set(base.width, svg);
        return svg;
      }
      throw new Error(`the atlas does not draw ${spec.kind} charts`);
    },
    update: (svg, spec, base) => {
      // A comparison shown again (turned off, then on) for the same view: its drawing is still in place.
      if (spec.kind === 'scatter') return scatters.get(spec)?.get(base.width) === svg;
      if (spec.kind !== 'choropleth') return false;
      if (colouredFor.get(svg) === spec) return true;
      const done = choro.recolourFromSpec(svg, spec, base);
      if (done) colouredFor.set(svg, spec);
      return done;
    },
  };
}

async function render(): Promise<void> {
  const seq = ++renderSeq;
  // The atlas page has both figures; an embed page has one of them.
  const fig = document.getElementById('atlas-map');
  const cmp = document.getElementById('atlas-compare');
  if (!fig && !cmp) return;
  viewState(sections(), 'busy');
  let readAhead: (() => void) | undefined;
  try {
    const s = { ...state };
    const c = catalogue();
    const cat = c instanceof Promise ? await c : c;
    const meta = cat.find((x) => x.id === s.indicator)!;
    const other = s.compare && cmp ? cat.find((x) => x.id === s.compare)! : null;
    const sources = JSON.parse(document.getElementById('atlas-sources')?.textContent ?? '{}') as Record<string, AtlasSource>;
    const loads = when([areasOf(s.level), dataOf(s.level, s.indicator), topoOf(s.level), other ? dataOf(s.level, other.id) : null, viewsCode(), applyCode(), choroCode(), other ? scatterCode() : null] as const);
    const [areas, data, topology, otherData, views, apply, choro, scatter] = loads instanceof Promise ? await loads : loads;
    const charts = renderer(choro, scatter);
    if (seq !== renderSeq) return;
    // An area that is not at this geography (a ward code with level=lsoa): the view without it, and a note.
    if (s.area && !areas.codes.includes(s.area)) {
      const line = document.getElementById('atlas-status');
      const before = line && !line.hidden ? `${line.textContent} ` : '';
      status(`${before}Area ${echo(s.area)} is not among the ${LEVEL_META[s.level].plural} on this map, so no area is selected.`);
      s.area = null;
      state.area = null;
    }
    const input = { state: s, meta, areas, data, topology, sources };
    if (fig) {
      const mapFigure = figureOf(['map', s.indicator, s.level, s.method, s.classes, s.area], () => views.atlasMapFigure(input));
      apply.applyFigure(fig, mapFigure, charts);
      // Every change after the first view is announced: the map's title and its leading value, in words.
      if (announced) announce(mapFigure.title, mapFigure.description);
      announced = true;
      // The selected area's row, in the table's own scroll box (not the page). In the next
      // frame, with the page's own layout: reading a position now would lay the page out twice.
      requestAnimationFrame(() => {
        if (seq !== renderSeq) return;
        const wrap = fig.querySelector<HTMLElement>('.table-wrap');
        const sel = fig.querySelector<HTMLElement>('tbody tr.is-selected');
        if (wrap && sel) wrap.scrollTop = Math.max(0, sel.offsetTop - wrap.clientHeight / 3);
        else if (wrap && wrap.scrollTop) wrap.scrollTop = 0;
      });
    }
    if (cmp) {
      cmp.hidden = !other;
      const shown = other && otherData ? figureOf(['compare', s.indicator, other.id, s.level, s.area], () => views.atlasCompareFigure({ ...input, other, otherData })) : null;
      if (shown && shown !== compareShown) apply.applyFigure(cmp, shown, charts);
      compareShown = shown;
    }
    // Embed codes and previews carry the view; so does the address.
    const q = stateToParams(s).toString();
    for (const sec of sections()) {
      const f = apply.shownFigure(sec);
      if (f) apply.setEmbedView(sec, f, q);
    }
    areaLink(s, areas);
    viewState(sections(), 'ready');
    readAhead = () => prefetchAround(s, cat);
    // The address last: rewriting it costs a large page a noticeable moment, after the view is on screen.
    if (!document.body.dataset.embedId) setTimeout(() => seq === renderSeq && history.replaceState(null, '', `${location.pathname}?${q}`), 0);
  } catch (e) {
    if (seq !== renderSeq) return;
    status(`The view could not be drawn: ${(e as Error).message}. The map shows the last view that loaded.`);
    viewState(sections(), 'error');
  }
  // Outside the try: reading ahead is not part of drawing this view.
  readAhead?.();
}

/** A selected borough or ward links to its profile page. */
function areaLink(s: AtlasState, areas: AtlasAreas): void {
  const link = document.getElementById('atlas-area-link');
  if (!link) return;
  const i = s.area ? areas.codes.indexOf(s.area) : -1;
  if (i >= 0 && (s.level === 'borough' || s.level === 'ward')) {
    link.replaceChildren(el('a', `Open the profile of ${areas.names[i]}`, { href: url(`area/${s.area}/`) }));
    link.hidden = false;
  } else {
    link.hidden = true;
    link.replaceChildren();
  }
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
  for (const o of Array.from(compare.options)) o.disabled = o.value !== '' && !canCompare(cat, state, o.value);
  compare.value = state.compare ?? '';
}

function wireControls(): void {
  const form = document.getElementById('atlas-controls') as HTMLFormElement | null;
  if (!form) return;
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('change', (e) => void onChange(e));
  const onChange = async (e: Event) => {
    const t = e.target as HTMLInputElement | HTMLSelectElement;
    if (!['indicator', 'level', 'method', 'classes', 'compare'].includes(t.name)) return;
    viewState(sections(), 'busy');
    const c = catalogue();
    const cat = c instanceof Promise ? await c : c;
    status(null);
    if (t.name === 'indicator') {
      state.indicator = t.value;
      const levels = cat.find((c) => c.id === t.value)!.levels.split(';') as AtlasLevel[];
      if (!levels.includes(state.level)) state.level = levels.includes('borough') ? 'borough' : levels[0]!;
    } else if (t.name === 'level') {
      state.level = t.value as AtlasLevel;
      state.area = null;
    } else if (t.name === 'method') state.method = t.value as AtlasState['method'];
    else if (t.name === 'classes') state.classes = Number(t.value);
    else state.compare = t.value || null;
    if (!canCompare(cat, state, state.compare)) state.compare = null;
    syncControls(cat);
    await render();
  };
  const filter = document.getElementById('indicator-filter') as HTMLInputElement | null;
  const select = form.elements.namedItem('indicator') as HTMLSelectElement;
  filter?.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const o of Array.from(select.options)) {
      const hit = !q || o.textContent.toLowerCase().includes(q) || o.value.includes(q) || (o.parentElement as HTMLOptGroupElement).label.toLowerCase().includes(q);
      o.hidden = !hit;
      if (hit) shown++;
    }
    const count = document.getElementById('indicator-count');
    if (count) count.textContent = q ? `${shown} indicator${shown === 1 ? '' : 's'} match "${filter.value.trim()}".` : '';
  });
}

async function selectArea(code: string): Promise<void> {
  await ready;
  state.area = code;
  await render();
  document.querySelector<SVGPathElement>(`#atlas-map g.lca-areas > path[data-code="${code}"]`)?.focus();
}

/** A WAI-ARIA combobox: type a name or code, arrow through matches, Enter to select. */
function wireSearch(): void {
  const input = document.getElementById('area-search') as HTMLInputElement | null;
  const list = document.getElementById('area-options') as HTMLUListElement | null;
  if (!input || !list) return;
  let matches: { code: string; name: string; level: AtlasLevel }[] = [];
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
        const li = el('li', `${m.name} (${LEVEL_META[m.level].inTitle}, ${m.code})`, { role: 'option', id: `area-opt-${i}`, 'aria-selected': String(i === active), 'data-code': m.code });
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
    if (m.level !== state.level) {
      // The area is at another geography: switch to it (keeping the comparison only where it exists there).
      state.level = m.level;
      const cat = await catalogue();
      if (state.compare && !canCompare(cat, state, state.compare)) state.compare = null;
      syncControls(cat);
    }
    await render();
    document.querySelector('#atlas-map .lca-selected')?.scrollIntoView({ block: 'nearest' });
  };
  input.addEventListener('input', () => void onInput());
  const onInput = async () => {
    await ready;
    const q = input.value.trim().toLowerCase();
    if (q.length < 2) return close();
    // Every geography the indicator has, the one on show first: "Peckham" finds the ward from the borough view.
    const cat = await catalogue();
    const levels = (cat.find((c) => c.id === state.indicator)?.levels.split(';') ?? [state.level]) as AtlasLevel[];
    const order = [state.level, ...LEVEL_ORDER.filter((l) => l !== state.level && levels.includes(l))];
    const found: typeof matches = [];
    for (const level of order) {
      const areas = await areasOf(level);
      areas.codes.forEach((code, i) => {
        const name = areas.names[i]!;
        if (name.toLowerCase().includes(q) || code.toLowerCase().startsWith(q)) found.push({ code, name, level });
      });
    }
    // Whole-word and prefix matches first, then by level order.
    const rank = (m: (typeof found)[number]) => (m.name.toLowerCase().startsWith(q) ? 0 : new RegExp(`\\b${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(m.name.toLowerCase()) ? 1 : 2);
    matches = found.map((m, i) => ({ m, i, r: rank(m) })).sort((a, b) => a.r - b.r || a.i - b.i).slice(0, 12).map((x) => x.m);
    active = -1;
    paint();
  };
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

/**
 * Starts loading what any redraw needs (the catalogue, the figure and map code, and the
 * current geography) when the reader first reaches for a control, so that the first
 * change does not wait for them; a reader who only reads loads nothing more. Then, in
 * idle time, reads and projects the outlines of the main geographies the indicator has
 * (borough, 2022 ward, 2021 LSOA) at the widths on show, and draws those of the boroughs
 * and wards, a few milliseconds at a time: the first switch to boroughs or wards recolours
 * outlines already drawn, one to LSOAs draws outlines already projected, and no change
 * waits behind a long task of this work. The map's section says when that is done
 * (data-warm="done"; the benchmark reports changes with and without it).
 */
const WARM_LEVELS: AtlasLevel[] = ['borough', 'ward', 'lsoa'];
type Deadline = Pick<IdleDeadline, 'timeRemaining' | 'didTimeout'>;
const idleDeadline = (): Promise<Deadline> =>
  new Promise((resolve) => ('requestIdleCallback' in window ? requestIdleCallback(resolve, { timeout: 2000 }) : setTimeout(() => resolve({ timeRemaining: () => 8, didTimeout: false }), 50)));
const idle = (): Promise<void> => idleDeadline().then(() => undefined);
/**
 * Runs a generator's steps in idle periods while each has time left (one step per period
 * that timed out), and gives its value; stops, with no value, once it is no longer wanted.
 */
async function inIdleSteps<T>(steps: Generator<void, T>, wanted: () => boolean = () => true): Promise<T | undefined> {
  for (;;) {
    const d = await idleDeadline();
    do {
      if (!wanted()) {
        steps.return(undefined as T);
        return undefined;
      }
      const r = steps.next();
      if (r.done) return r.value;
    } while (d.timeRemaining() > 1);
  }
}
/** Areas projected, or drawn, per step in idle time: about 2–4 ms for LSOAs at 4× slowdown. */
const PROJECT_STEP = 48;

async function preProject(): Promise<void> {
  const fig = document.getElementById('atlas-map');
  if (!fig) return;
  const [cat, views, choro] = await Promise.all([catalogue(), viewsCode(), choroCode()]);
  prefetchAround(state, cat);
  const levels = cat.find((c) => c.id === state.indicator)?.levels.split(';') ?? [];
  const widths = Array.from(fig.querySelectorAll<HTMLElement>('.fig-chart .fig-variant'))
    .filter((v) => getComputedStyle(v).display !== 'none')
    .map((v) => Number(v.dataset.w));
  // The outlines of each geography projected first, then drawn: a change of geography soon
  // after the reader arrives finds the projections made. The LSOAs' 4,994 paths are not drawn
  // ahead: a half-made drawing of them slowed the first change to LSOAs in the page (median
  // 1.1–1.2 s at 4× slowdown against 0.9–1.0 s, bench/atlas.ts).
  const prepared: { level: AtlasLevel; topology: Topology; objectName: string; names: Record<string, string> }[] = [];
  for (const level of WARM_LEVELS.filter((l) => levels.includes(l))) {
    const [areas, topology] = await Promise.all([areasOf(level), topoOf(level)]);
    await idle();
    const names = views.areaNames(areas);
    const objectName = LEVEL_META[level].object;
    for (const w of widths) await inIdleSteps(choro.prepareOutlines(topology, objectName, names, w, PROJECT_STEP));
    prepared.push({ level, topology, objectName, names });
  }
  for (const { topology, objectName, names } of prepared.filter((p) => p.level !== 'lsoa')) {
    for (const w of widths) {
      // Not once a view has drawn (and kept) this geography, before or meanwhile.
      const key = drawingKey(objectName, w);
      const wanted = () => !drawings.get(topology)?.has(key);
      const svg = await inIdleSteps(choro.outlineDrawing(topology, objectName, names, w, document, PROJECT_STEP), wanted);
      if (svg && wanted()) keepDrawing(topology, key, svg);
    }
  }
  fig.dataset.warm = 'done';
}

/** Starts a load ahead of need: a failure is met again, and reported, by the redraw that needs it. */
const ahead = (l: unknown) => {
  if (l instanceof Promise) l.catch(() => undefined);
};

/** Whether the reader has reached for the controls (before that, nothing is loaded ahead of need). */
let reached = false;

/**
 * After a view is drawn, in idle time: its indicator and comparison at the geographies with
 * the 200 ms goal (borough and ward), the default comparison there (about 4 KB a file) and
 * the comparison's chart code, so that the likely next change (another geography, the
 * comparison turned back on) is drawn in the task of the change instead of waiting for files
 * (the first changes of geography in bench/atlas.ts). LSOA files (31 KB each) are read when
 * asked for: their fetch is small against drawing 4,994 areas. The map's section says when
 * the files of the view on show are read (data-ahead: its indicator and comparison).
 */
const AHEAD_LEVELS: AtlasLevel[] = ['borough', 'ward'];
let aheadSeq = 0;
function prefetchAround(view: Pick<AtlasState, 'indicator' | 'compare'>, cat: IndicatorMeta[]): void {
  const fig = document.getElementById('atlas-map');
  if (!reached || !fig) return;
  // The view as it is now: the state may change before the idle period comes.
  const { indicator, compare } = view;
  const seq = ++aheadSeq;
  delete fig.dataset.ahead;
  const levels = cat.find((c) => c.id === indicator)?.levels.split(';') ?? [];
  void idle().then(async () => {
    // A view left before its idle period: the next one reads ahead instead.
    if (seq !== aheadSeq) return;
    const loads: unknown[] = [];
    for (const level of AHEAD_LEVELS.filter((l) => levels.includes(l))) {
      loads.push(dataOf(level, indicator));
      for (const id of new Set([compare, DEFAULT_STATE.compare])) if (canCompare(cat, { indicator, level }, id)) loads.push(dataOf(level, id!), scatterCode());
    }
    loads.forEach(ahead);
    const done = await Promise.allSettled(loads);
    if (seq === aheadSeq && done.every((d) => d.status === 'fulfilled')) fig.dataset.ahead = `${indicator} ${compare ?? ''}`.trim();
  });
}

function warmOnFirstReach(): void {
  const warm = () => {
    if (reached) return;
    reached = true;
    for (const l of [catalogue(), viewsCode(), applyCode(), choroCode(), areasOf(state.level), topoOf(state.level), state.compare ? scatterCode() : null]) ahead(l);
    // Ahead of need only: a failure here is met again, and reported, by the redraw that needs the geography.
    void ready.then(preProject).catch(() => undefined);
  };
  for (const id of ['atlas-controls', 'area-search']) {
    const e = document.getElementById(id);
    for (const ev of ['pointerover', 'focusin']) e?.addEventListener(ev, warm, { once: true });
  }
}

export async function initAtlas(): Promise<void> {
  wireControls();
  // Enter or Space on an area of the map selects it (src/client/map-keys.ts).
  document.getElementById('atlas-map')?.addEventListener('lca-select', (e) => {
    e.preventDefault();
    void selectArea((e as CustomEvent<string>).detail);
  });
  wireSearch();
  warmOnFirstReach();
  void Promise.resolve(applyCode()).then((m) => sections().forEach((sec) => m.wireSection(sec)));
  const params = new URLSearchParams(location.search);
  const keys = ['indicator', 'level', 'method', 'classes', 'area', 'compare'];
  if (!keys.some((k) => params.has(k))) {
    announced = true; // the static default view is already on the page: the next view is a change
    return;
  }
  viewState(sections(), 'busy');
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
