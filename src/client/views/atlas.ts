/**
 * The atlas in the browser: its view (src/figures/atlas/view.ts) run by the one
 * controller, with what is the atlas's own: choices that depend on the indicator, the
 * area search and the map's Enter key, a link to the selected area's profile, and the
 * performance code that keeps a change of view within 200 ms at 4× CPU slowdown
 * (bench/atlas.ts): outlines projected by the build (data/outlines/), drawings kept and
 * recoloured instead of made again, and, once the reader reaches for the controls, outlines
 * drawn in idle time and the likely next files read ahead.
 */
import type { Outlines } from '../../lib/outlines.ts';
import type { ChartSpec } from '../../charts/index.ts';
import { canCompare, LEVEL_META, LEVEL_ORDER, type AtlasLevel, type IndicatorMeta } from '../../lib/atlas.ts';
import { ATLAS_VIEW, DEFAULT_STATE, type AtlasState } from '../../figures/atlas/state.ts';
import type { AtlasContext, AtlasData } from '../../figures/atlas/view.ts';
import type { ChartRenderer } from '../apply-figure.ts';
import { combobox } from '../combobox.ts';
import { el } from '../dom.ts';
import type { ClientView, View } from '../view-page.ts';

type Atlas = View<AtlasContext, AtlasState, AtlasData, undefined>;
/** Code loaded once: a change whose code is loaded waits for no task (an import() asked again would). */
const loaded = <T>(load: () => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
};
const viewCode = loaded(() => import('../../figures/atlas/view.ts'));
const choroCode = loaded(() => import('../../charts/choropleth.ts'));
const scatterCode = loaded(() => import('../../charts/scatter.ts'));
const figuresCode = loaded(() => import('../../figures/atlas/figures.ts'));

/*
 * Performance code: the maps drawn in this page, by outlines and width, kept when another
 * geography replaces them (a return recolours the drawing instead of making its hundreds or
 * thousands of areas again), and the chart each was last coloured for (coloured again for
 * the same chart, only its tab stop would change). The comparison's drawings, by chart and
 * width: a return to a view shows its drawing again.
 */
const drawings = new WeakMap<Outlines, Map<number, SVGSVGElement>>();
const colouredFor = new WeakMap<SVGSVGElement, ChartSpec>();
const scatters = new WeakMap<ChartSpec, Map<number, SVGSVGElement>>();
function keepDrawing(outlines: Outlines, width: number, svg: SVGSVGElement): void {
  let byWidth = drawings.get(outlines);
  if (!byWidth) drawings.set(outlines, (byWidth = new Map<number, SVGSVGElement>()));
  byWidth.set(width, svg);
}

/** The choropleth (recoloured in place when the areas are the same) and, with a comparison, the scatter. */
async function renderer(kinds: Set<string>): Promise<ChartRenderer> {
  const [choro, scatter] = await Promise.all([choroCode(), kinds.has('scatter') ? scatterCode() : null]);
  const map = (spec: Extract<ChartSpec, { kind: 'choropleth' }>, base: Parameters<ChartRenderer['render']>[1]) => {
    // A standalone drawing (a download) is always new; a drawing for the page may be one kept from before.
    if (base.inline) return choro.choroplethFromSpec(spec, { ...base, tips: true });
    const kept = drawings.get(spec.outlines)?.get(base.width);
    if (
      kept &&
      !kept.isConnected &&
      (colouredFor.get(kept) === spec || choro.recolourFromSpec(kept, spec, { ...base, tips: true }))
    ) {
      colouredFor.set(kept, spec);
      return kept;
    }
    const svg = choro.choroplethFromSpec(spec, { ...base, tips: true });
    keepDrawing(spec.outlines, base.width, svg);
    colouredFor.set(svg, spec);
    return svg;
  };
  return {
    render: (spec, base) => {
      if (spec.kind === 'choropleth') return map(spec, base);
      if (spec.kind !== 'scatter' || !scatter) throw new Error(`the atlas does not draw ${spec.kind} charts here`);
      if (base.inline) return scatter.scatterFromSpec(spec, base);
      let byWidth = scatters.get(spec);
      if (!byWidth) scatters.set(spec, (byWidth = new Map<number, SVGSVGElement>()));
      const kept = byWidth.get(base.width);
      if (kept && !kept.isConnected) return kept;
      const svg = scatter.scatterFromSpec(spec, base);
      byWidth.set(base.width, svg);
      return svg;
    },
    update: (svg, spec, base) => {
      // A comparison shown again for the same view: its drawing is still in place.
      if (spec.kind === 'scatter') return scatters.get(spec)?.get(base.width) === svg;
      if (spec.kind !== 'choropleth') return false;
      if (colouredFor.get(svg) === spec) return true;
      const done = choro.recolourFromSpec(svg, spec, base);
      if (done) colouredFor.set(svg, spec);
      return done;
    },
  };
}

/** The choices that do not apply to the view on show: geographies the indicator lacks, comparisons the geography lacks. */
function controls(form: HTMLFormElement, s: AtlasState, ctx: AtlasContext): void {
  const levels = ctx.catalogue.find((c) => c.id === s.indicator)!.levels.split(';');
  for (const radio of Array.from(form.querySelectorAll<HTMLInputElement>('input[name=level]')))
    radio.disabled = !levels.includes(radio.value);
  const compare = form.elements.namedItem('compare') as HTMLSelectElement;
  for (const o of Array.from(compare.options)) o.disabled = o.value !== '' && !canCompare(ctx.catalogue, s, o.value);
}

/** After a view is drawn: the selected area's profile link, its row scrolled into view, and the next files read ahead. */
function drawn(view: Atlas, { areas }: AtlasData): void {
  const s = view.state!;
  void view.ready().then(({ ctx }) => {
    void ahead.read(view, ctx, s);
    const link = document.getElementById('atlas-area-link');
    const i = s.area ? areas.codes.indexOf(s.area) : -1;
    if (!link) return;
    link.hidden = !(i >= 0 && (s.level === 'borough' || s.level === 'ward'));
    link.replaceChildren(
      ...(link.hidden ? [] : [el('a', `Open the profile of ${areas.names[i]}`, { href: ctx.url(`area/${s.area}/`) })]),
    );
  });
  // The selected area's row, in the table's own scroll box, in the next frame (reading a position now would lay the page out twice).
  requestAnimationFrame(() => {
    const fig = document.getElementById('atlas-map');
    const wrap = fig?.querySelector<HTMLElement>('.table-wrap');
    const sel = fig?.querySelector<HTMLElement>('tbody tr.is-selected');
    if (wrap && sel) wrap.scrollTop = Math.max(0, sel.offsetTop - wrap.clientHeight / 3);
    else if (wrap?.scrollTop) wrap.scrollTop = 0;
  });
}

/** The area search: a name or code at any geography the indicator has, the one on show first; choosing one shows it there. */
function wireSearch(view: Atlas): void {
  const input = document.getElementById('area-search') as HTMLInputElement | null;
  const list = document.getElementById('area-options');
  if (!input || !list) return;
  const find = async (q: string) => {
    const [{ ctx }, { atlasFiles }] = await Promise.all([view.ready(), viewCode()]);
    await view.settled;
    const s = view.state ?? DEFAULT_STATE;
    const levels = (ctx.catalogue.find((c) => c.id === s.indicator)?.levels.split(';') ?? [s.level]) as AtlasLevel[];
    const found: { code: string; name: string; level: AtlasLevel }[] = [];
    for (const level of [s.level, ...LEVEL_ORDER.filter((l) => l !== s.level && levels.includes(l))]) {
      const areas = await atlasFiles.areas(ctx, view.io, level);
      areas.codes.forEach((code, i) => {
        const name = areas.names[i]!;
        if (name.toLowerCase().includes(q) || code.toLowerCase().startsWith(q)) found.push({ code, name, level });
      });
    }
    // Names that begin with the text first, then whole-word matches, then the rest, by geography.
    const word = new RegExp(`\\b${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    const rank = (m: (typeof found)[number]) =>
      m.name.toLowerCase().startsWith(q) ? 0 : word.test(m.name.toLowerCase()) ? 1 : 2;
    const ranked = found.map((m, i) => ({ m, i, r: rank(m) })).sort((a, b) => a.r - b.r || a.i - b.i);
    return ranked.slice(0, 12).map(({ m }) => ({
      label: `${m.name} (${LEVEL_META[m.level].inTitle}, ${m.code})`,
      value: m.code,
      text: `${m.name} (${m.code})`,
      level: m.level,
    }));
  };
  combobox(input, list, find, ({ value: code, level }) => {
    void view.ready().then(async ({ ctx }) => {
      const s: AtlasState = { ...(view.state ?? DEFAULT_STATE), level, area: code };
      // At another geography the comparison is kept only where it exists there.
      if (!canCompare(ctx.catalogue, s, s.compare)) s.compare = null;
      await view.show(s);
      document.querySelector('#atlas-map .lca-selected')?.scrollIntoView({ block: 'nearest' });
    });
  });
}

function start(view: Atlas): void {
  wireSearch(view);
  // Enter or Space on an area of the map selects it (src/client/map-keys.ts).
  document.getElementById('atlas-map')?.addEventListener('lca-select', (e) => {
    e.preventDefault();
    const code = (e as CustomEvent<string>).detail;
    void view.settled.then(async () => {
      await view.show({ ...(view.state ?? DEFAULT_STATE), area: code });
      document.querySelector<SVGPathElement>(`#atlas-map g.lca-areas > path[data-code="${code}"]`)?.focus();
    });
  });
  // The indicator list narrowed by a word.
  const filter = document.getElementById('indicator-filter') as HTMLInputElement | null;
  const select = document.getElementById('indicator') as HTMLSelectElement | null;
  filter?.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const o of Array.from(select?.options ?? [])) {
      o.hidden =
        !!q &&
        !(
          o.textContent.toLowerCase().includes(q) ||
          o.value.includes(q) ||
          (o.parentElement as HTMLOptGroupElement).label.toLowerCase().includes(q)
        );
      if (!o.hidden) shown++;
    }
    const count = document.getElementById('indicator-count');
    if (count)
      count.textContent = q ? `${shown} indicator${shown === 1 ? '' : 's'} match "${filter.value.trim()}".` : '';
  });
  for (const ev of ['pointerover', 'focusin'])
    document.getElementById('area-search')?.addEventListener(ev, () => warm(view), { once: true });
}

/*
 * Performance code: once the reader reaches for a control, the outlines of the main
 * geographies the indicator has (borough, 2022 ward, 2021 LSOA) are read, and those of the
 * boroughs and wards drawn at the widths on show, a few milliseconds at a time in idle
 * periods: the first switch to boroughs or wards recolours outlines already drawn, and no
 * change waits behind a long task of this work. The LSOAs' 4,994 paths are not drawn ahead:
 * a half-made drawing of them slowed the first change to LSOAs. The map's section says when
 * this is done (data-warm="done"; the benchmark reports changes with and without it).
 */
const WARM_LEVELS: AtlasLevel[] = ['borough', 'ward', 'lsoa'];
/** Areas drawn per step in idle time. */
const STEP = 48;
type Deadline = Pick<IdleDeadline, 'timeRemaining' | 'didTimeout'>;
const idleDeadline = (): Promise<Deadline> =>
  new Promise((resolve) =>
    'requestIdleCallback' in window
      ? requestIdleCallback(resolve, { timeout: 2000 })
      : setTimeout(() => resolve({ timeRemaining: () => 8, didTimeout: false }), 50),
  );
const idle = (): Promise<void> => idleDeadline().then(() => undefined);
/** Runs a generator's steps in idle periods while each has time left, and gives its value; stops once it is no longer wanted. */
async function inIdleSteps<T>(steps: Generator<void, T>, wanted: () => boolean): Promise<T | undefined> {
  for (;;) {
    const d = await idleDeadline();
    do {
      if (!wanted()) return undefined;
      const r = steps.next();
      if (r.done) return r.value;
    } while (d.timeRemaining() > 1);
  }
}

let warmed = false;
function warm(view: Atlas): void {
  if (warmed) return;
  warmed = true;
  ahead.reached = true;
  void (async () => {
    await view.settled;
    const [{ ctx }, { atlasFiles }, choro, { areaNames }] = await Promise.all([
      view.ready(),
      viewCode(),
      choroCode(),
      figuresCode(),
    ]);
    const s = view.state ?? DEFAULT_STATE;
    void ahead.read(view, ctx, s);
    const fig = document.getElementById('atlas-map');
    if (!fig) return;
    const levels = ctx.catalogue.find((c) => c.id === s.indicator)?.levels.split(';') ?? [];
    const widths = Array.from(fig.querySelectorAll<HTMLElement>('.fig-chart .fig-variant'))
      .filter((v) => getComputedStyle(v).display !== 'none')
      .map((v) => Number(v.dataset.w));
    const read = WARM_LEVELS.filter((l) => levels.includes(l)).map(async (level) => ({
      level,
      areas: await atlasFiles.areas(ctx, view.io, level),
      outlines: await atlasFiles.outlines(ctx, view.io, level),
    }));
    for (const { level, areas, outlines } of await Promise.all(read)) {
      if (level === 'lsoa') continue;
      for (const w of widths) {
        // Not once a view has drawn (and kept) this geography, before or meanwhile.
        const wanted = () => !drawings.get(outlines)?.has(w);
        const svg = await inIdleSteps(choro.outlineDrawing(outlines, areaNames(areas), w, document, STEP), wanted);
        if (svg && wanted()) keepDrawing(outlines, w, svg);
      }
    }
    fig.dataset.warm = 'done';
  })().catch(() => undefined); // ahead of need: a failure is met again, and reported, by the change that needs it
}

/**
 * Performance code: after a view is drawn, once the reader has reached for the controls, in
 * idle time: its indicator and comparison at the geographies with the 200 ms goal (borough
 * and ward; about 4 KB a file), the default comparison there and the comparison's chart code,
 * so that the likely next change is drawn in the task of the change instead of waiting for
 * files. LSOA files (31 KB each) are read when asked for: their fetch is small against
 * drawing 4,994 areas. The map's section says when the files of the view on show are read
 * (data-ahead: its indicator and comparison).
 */
const ahead = {
  reached: false,
  seq: 0,
  async read(view: Atlas, ctx: AtlasContext, s: Pick<AtlasState, 'indicator' | 'compare'>): Promise<void> {
    const fig = document.getElementById('atlas-map');
    if (!this.reached || !fig) return;
    const seq = ++this.seq;
    delete fig.dataset.ahead;
    await idle();
    // A view left before its idle period: the next one reads ahead instead.
    if (seq !== this.seq) return;
    const { atlasFiles } = await viewCode();
    const loads: Promise<unknown>[] = [];
    const levels = ctx.catalogue.find((c: IndicatorMeta) => c.id === s.indicator)?.levels.split(';') ?? [];
    for (const level of (['borough', 'ward'] as const).filter((l) => levels.includes(l))) {
      loads.push(atlasFiles.values(ctx, view.io, level, s.indicator));
      for (const id of new Set([s.compare, DEFAULT_STATE.compare]))
        if (canCompare(ctx.catalogue, { indicator: s.indicator, level }, id))
          loads.push(atlasFiles.values(ctx, view.io, level, id!), scatterCode());
    }
    const done = await Promise.allSettled(loads);
    if (seq === this.seq && done.every((d) => d.status === 'fulfilled'))
      fig.dataset.ahead = `${s.indicator} ${s.compare ?? ''}`.trim();
  },
};

const atlas: ClientView<AtlasContext, AtlasState, AtlasData> = {
  name: ATLAS_VIEW,
  spec: () => viewCode().then((m) => m.view),
  charts: renderer,
  start,
  warm,
  controls: (form, s, ctx) => controls(form, s, ctx),
  drawn: (_r, view, data) => drawn(view, data),
  // The address last: rewriting it costs a large page a noticeable moment, after the view is on screen.
  writeAddress: (write) => setTimeout(write, 0),
};
export default atlas;
