/**
 * The one controller of every interactive view (src/figures/view.ts): it reads the view
 * from the address (falling back, and saying so), draws it when the address names one
 * (the build's view is already on the page otherwise), and on every change of the view's
 * form: loads what the view needs (each file once, checked with its schema), computes its
 * figures, puts them into their sections through the one anatomy, points the embed code
 * and the downloads at the view, writes the address, and says busy, ready or error. A
 * result that a later change has overtaken is dropped. What is a view's own — option lists
 * that depend on its data, a search box, a table of records — its client file adds through
 * the hooks below (src/client/views/<id>.ts).
 */
import type { ViewIo, ViewName, ViewResult, ViewSpec } from '../figures/view.ts';
import { failureNote, fallbackNote } from '../figures/view.ts';
import { requester } from '../workers/rpc.ts';
import type { ChartRenderer } from './apply-figure.ts';
import { keyProblems } from '../lib/url-notes.ts';
import { announce, statusLine, viewState } from './dom.ts';

type Spec<Ctx, S, D, E> = ViewSpec<unknown, Ctx, S, D, E>;
/** A step towards a view: its state and what of it could not be used, or what to ask the reader for. */
type Step<S> = { state: S; problems: string[] } | string;

export interface ClientView<Ctx, S, D, E = undefined> {
  name: ViewName;
  /** the view's declaration: loaded when the view is first drawn or reached for */
  spec: () => Promise<Spec<Ctx, S, D, E>>;
  /** the code that draws these kinds of chart (default: every kind, src/charts/index.ts) */
  charts?: (kinds: Set<string>) => Promise<ChartRenderer>;
  /** the view's worker, made when first asked for */
  worker?: () => Worker;
  /** milliseconds to wait after a change before drawing (changes in between are merged) */
  debounce?: number;
  /** once the page starts: the view's own controls (a search box, a file input) */
  start?(view: View<Ctx, S, D, E>): void;
  /** once the reader first reaches for a control: what to prepare ahead */
  warm?(view: View<Ctx, S, D, E>): void;
  /** false: reaching for a control loads the view's code only, not its default view's data (a worker's analysis) */
  warmData?: boolean;
  /** the controls that depend on the view's data (option lists, choices that do not apply), after a view is drawn */
  controls?(form: HTMLFormElement, state: S, ctx: Ctx, data: D, result: ViewResult<S, E>): void;
  /** after a view is drawn: what else the page shows of it (`note`: the status line's fallback note, if any) */
  drawn?(result: ViewResult<S, E>, view: View<Ctx, S, D, E>, data: D, note: string | null): void;
  /** a view has begun to be drawn */
  busy?(): void;
  /** what the status line says while a view is drawn ("Recalculating…"; default: nothing) */
  busyText?(view: View<Ctx, S, D, E>): string;
  /** a view could not be drawn (the status line says why) */
  failed?(message: string): void;
  /** writes the address now, or later (a large page's address is written after its view is on screen) */
  writeAddress?(write: () => void): void;
}

/** Loads of the page, each made once; a failed one is made again when next asked for. */
const loads = new Map<string, Promise<unknown>>();
function once<T>(key: string, make: () => Promise<T>): Promise<T> {
  let p = loads.get(key) as Promise<T> | undefined;
  if (!p) {
    p = make();
    loads.set(key, p);
    p.catch(() => loads.delete(key));
  }
  return p;
}

/** A JSON file of the site, read once and checked; a failure names the file and what was wrong. */
const json: ViewIo['json'] = (url, schema) =>
  once(url, async () => {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    const checked = schema.safeParse(await r.json());
    if (checked.success) return checked.data;
    const i = checked.error.issues[0];
    throw new Error(`${url} is damaged: at ${i?.path.map(String).join('.') || 'the top level'}, ${i?.message ?? '?'}`);
  });

/** The form's values, as an address: the named controls that are on. */
const formParams = (form: HTMLFormElement) =>
  new URLSearchParams(Array.from(new FormData(form), ([k, v]) => [k, typeof v === 'string' ? v : v.name]));

/** Shows values in a form's named controls (those the values name). */
export function writeForm(form: HTMLFormElement, values: URLSearchParams): void {
  for (const e of Array.from(form.elements) as (HTMLInputElement | HTMLSelectElement)[]) {
    if (!e.name || !values.has(e.name)) continue;
    const all = values.getAll(e.name);
    if (e instanceof HTMLInputElement && (e.type === 'checkbox' || e.type === 'radio'))
      e.checked = all.includes(e.value);
    else if (e.value !== all[0]) e.value = all[0]!;
  }
}

/** Writes the view's keys into the address, keeping those of the page's other views (and leaving out what no view uses). */
function writeAddress(keys: readonly string[], others: ReadonlySet<string>, query: string): void {
  const kept = [...new URLSearchParams(location.search)].filter(([k]) => others.has(k) && !keys.includes(k));
  const p = new URLSearchParams(kept);
  for (const [k, v] of new URLSearchParams(query)) p.append(k, v);
  const next = p.size ? `${location.pathname}?${p}` : location.pathname;
  if (next !== location.pathname + location.search) history.replaceState(null, '', next);
}

const sectionsOf = (ids: readonly string[]) =>
  ids.map((f) => document.getElementById(f)).filter((s): s is HTMLElement => !!s);

/** A view on its page: what its client's hooks can do with it. */
export class View<Ctx, S, D, E> {
  readonly id: string;
  /** the page's form for the view, if it has one */
  readonly form: HTMLFormElement | null;
  readonly io: ViewIo;
  /** the state on show (null until a view has been drawn in the page) */
  state: S | null = null;
  /** the state of the latest view asked for (on show, or on its way) */
  private wanted: S | null = null;
  /** the controls changed since a view from the form was last put on the page */
  private changed = new Set<string>();
  /** resolves once the view the address names (if any) is drawn: a search waits for it, to look in the right place */
  settled: Promise<void> = Promise.resolve();
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: ClientView<Ctx, S, D, E>,
    private readonly config: HTMLElement,
    /** the address keys of the page's views (the others' are kept in the address) */
    private readonly pageKeys: ReadonlySet<string> = new Set(client.name.keys),
  ) {
    this.id = client.name.id;
    this.form = document.getElementById(`${this.id}-controls`) as HTMLFormElement | null;
    this.io = { json, work: requester(client.worker), progress: (m) => this.status(m) };
  }

  status(message: string | null): void {
    statusLine(`${this.id}-status`, message);
  }

  private sections(): HTMLElement[] {
    return sectionsOf(this.client.name.figures);
  }

  /** The view's code, configuration and context, loaded once. */
  ready(): Promise<{ spec: Spec<Ctx, S, D, E>; ctx: Ctx }> {
    return once(`view:${this.id}`, async () => {
      const spec = await this.client.spec();
      const cfg = spec.config.safeParse(JSON.parse(this.config.textContent || 'null'));
      if (!cfg.success) throw new Error(`the page's view configuration is damaged (${cfg.error.issues[0]?.message})`);
      return { spec, ctx: await spec.context(cfg.data, this.io) };
    });
  }

  private charts(kinds: Set<string>): Promise<ChartRenderer> {
    const all = () => import('../charts/index.ts').then((m): ChartRenderer => ({ render: m.renderChart }));
    return this.client.charts?.(kinds) ?? once('charts', all);
  }

  /** Draws a state (announced once drawn, unless told not to). */
  show(state: S, opts: { announce?: boolean } = {}): Promise<void> {
    return this.draw(() => ({ state, problems: [] }), opts.announce ?? true);
  }

  /** The state of the latest view asked for (on show or on its way), or the address's (the build's view) before any. */
  async current(): Promise<S> {
    const { spec, ctx } = await this.ready();
    return this.wanted ?? this.state ?? spec.parse(new URLSearchParams(location.search), ctx).state;
  }

  /** Draws the view a step makes (from the address, the form or a hook), unless a later one overtakes it. */
  private async draw(next: (spec: Spec<Ctx, S, D, E>, ctx: Ctx) => Step<S>, say: boolean): Promise<void> {
    // A change waiting for the reader to pause is overtaken by this one.
    clearTimeout(this.timer);
    const my = ++this.seq;
    const still = () => my === this.seq;
    viewState(this.sections(), 'busy');
    this.form?.setAttribute('aria-busy', 'true');
    this.client.busy?.();
    if (this.client.busyText) this.status(this.client.busyText(this));
    try {
      const { spec, ctx } = await this.ready();
      const step = next(spec, ctx);
      // Nothing to draw: the reader is asked for a choice, and the figures show the view before.
      if (typeof step === 'string') return void (still() && (this.status(step), viewState(this.sections(), 'ready')));
      if (still()) this.wanted = step.state;
      // Progress of a load is said only while its view is the one asked for.
      const io: ViewIo = { ...this.io, progress: (m) => void (still() && this.status(m)) };
      const data = await spec.load(step.state, ctx, io);
      if (!still()) return;
      const result = await spec.compute(data, step.state, ctx);
      const kinds = new Set(result.figures.map((f) => f.chart.kind));
      const [charts, apply] = await Promise.all([this.charts(kinds), once('apply', () => import('./apply-figure.ts'))]);
      if (still()) this.put(spec, ctx, step, data, result, { charts, apply, say, still });
    } catch (e) {
      if (!still()) return;
      console.error(e);
      this.status(failureNote((e as Error).message));
      viewState(this.sections(), 'error');
      this.client.failed?.((e as Error).message);
    } finally {
      if (still()) this.form?.removeAttribute('aria-busy');
    }
  }

  /** Puts a computed view on the page: its figures, its form, its status line and its address. */
  private put(
    spec: Spec<Ctx, S, D, E>,
    ctx: Ctx,
    step: Exclude<Step<S>, string>,
    data: D,
    result: ViewResult<S, E>,
    how: { charts: ChartRenderer; apply: typeof import('./apply-figure.ts'); say: boolean; still: () => boolean },
  ): void {
    const state = (this.state = result.state ?? step.state);
    this.wanted = state;
    this.changed.clear();
    const query = spec.serialise(state, ctx).toString();
    const shown = new Map(result.figures.map((f) => [f.id, f]));
    for (const section of this.sections()) {
      const f = shown.get(section.id);
      section.hidden = !f;
      if (!f) continue;
      how.apply.applyFigure(section, f, how.charts, query);
      const out = result.exports?.[f.id];
      if (out) how.apply.wireDownloads(section, out, how.charts, query);
      // No figure may leave the page (a group too small to show): its downloads are hidden, and point nowhere.
      if (out === null) how.apply.unwireDownloads(section);
      const files =
        'a[data-kind="csv"], a[data-kind="zip"], a[data-kind="csvw"], a[data-kind="svg"], [data-action="png"]';
      for (const d of Array.from(section.querySelectorAll<HTMLElement>(files))) d.hidden = out === null;
      const embed = section.querySelector<HTMLElement>('.fig-embed');
      if (embed) embed.hidden = result.embeddable === false;
    }
    // The choices the data offer first, then the view's values among them.
    if (this.form) this.client.controls?.(this.form, state, ctx, data, result);
    if (this.form && spec.formValues) writeForm(this.form, spec.formValues(state, ctx, data));
    const note = fallbackNote([...step.problems, ...(result.problems ?? [])]);
    this.status(note);
    viewState(this.sections(), 'ready');
    const told = result.figures.find((f) => f.id === spec.announce) ?? result.figures[0];
    if (how.say && told) announce(told.title, told.description);
    this.client.drawn?.(result, this, data, note);
    // The address holds the view (on the page: an embed's address is its host's).
    if (document.body.dataset.embedId) return;
    const write = () => how.still() && writeAddress(this.client.name.keys, this.pageKeys, query);
    if (this.client.writeAddress) this.client.writeAddress(write);
    else write();
  }

  /**
   * The form as it is now, after a change of control `name`, as a view: with every control
   * changed since a view from the form was last put (a change overtaken is not forgotten).
   */
  private fromForm(name: string): Promise<void> {
    if (name) this.changed.add(name);
    const changed = new Set(this.changed);
    return this.draw((spec, ctx) => {
      const values = formParams(this.form!);
      // Settings the form does not hold (an area chosen on the map) are kept from the latest view asked for.
      const base = this.wanted ?? this.state;
      if (base)
        for (const [k, v] of spec.serialise(base, ctx)) if (!this.form!.elements.namedItem(k)) values.append(k, v);
      const whole = spec.fromForm ? spec.fromForm(values, changed, ctx, base) : values;
      return typeof whole === 'string' ? whole : spec.parse(whole, ctx);
    }, true);
  }

  /** Draws the view the form holds now (the build's first view is the form's, before any change). */
  drawForm(): Promise<void> {
    return this.fromForm('');
  }

  /** Drops a view on its way (the page's own controls replaced what it needed): the view on show stays. */
  overtake(): void {
    clearTimeout(this.timer);
    this.seq++;
    this.form?.removeAttribute('aria-busy');
    viewState(this.sections(), 'ready');
  }

  /** A change drawn once the reader pauses: a view being drawn from the form as it was is overtaken. */
  private later(name: string, ms: number): void {
    clearTimeout(this.timer);
    this.seq++;
    this.changed.add(name);
    viewState(this.sections(), 'busy');
    this.timer = setTimeout(() => void this.fromForm(name), ms);
  }

  /** Reaching for a control loads what a change will need (a failure is reported by the change that needs it). */
  private warm(): void {
    const ahead = async () => {
      const { spec, ctx } = await this.ready();
      void this.charts(new Set()).catch(() => undefined);
      void once('apply', () => import('./apply-figure.ts')).catch(() => undefined);
      if (this.state === null && this.client.warmData !== false)
        await spec.load(spec.parse(new URLSearchParams(), ctx).state, ctx, this.io);
    };
    ahead().catch(() => undefined);
    this.client.warm?.(this);
  }

  /**
   * Wires the view's form and sections, runs its client's start, and draws the view the
   * address names; the page's first view says what of the address no view of the page uses.
   */
  start(first = true): void {
    const form = this.form;
    form?.addEventListener('submit', (e) => e.preventDefault());
    form?.addEventListener('change', (e) => {
      const name = (e.target as HTMLInputElement).name;
      if (!name) return;
      if (this.client.debounce) this.later(name, this.client.debounce);
      else void this.fromForm(name);
    });
    // Typing in a text box draws once the reader pauses.
    form?.addEventListener('input', (e) => {
      const t = e.target as HTMLInputElement;
      if (t.name && (t.type === 'search' || t.type === 'text')) this.later(t.name, 150);
    });
    for (const ev of ['pointerover', 'focusin']) form?.addEventListener(ev, () => this.warm(), { once: true });
    if (form?.matches(':hover, :focus-within')) this.warm();
    void once('apply', () => import('./apply-figure.ts')).then((m) => this.sections().forEach((s) => m.wireSection(s)));
    this.client.start?.(this);
    const params = new URLSearchParams(location.search);
    // The view the address names is the page as it loaded: drawn, and not announced.
    const fromAddress = () => this.draw((spec, ctx) => spec.parse(params, ctx), false);
    if (this.client.name.keys.some((k) => params.has(k))) this.settled = fromAddress();
    else if (first) {
      // Nothing of this view in the address: what no view of the page uses is named, and nothing drawn.
      const ignored = keyProblems(params, [...this.pageKeys]);
      if (ignored.length) this.status(fallbackNote(ignored));
    }
  }
}

/** What shows the reader reaching for a view: a pointer over or a focus in its controls or figures, or a change. */
const REACH = ['pointerover', 'pointerdown', 'focusin', 'input', 'change'] as const;

/**
 * Resolves when the reader first reaches for a view (its form or its figures). Until `done`,
 * the changes made and the buttons pressed there are kept, to be given again once the view's
 * code is wired.
 */
function reached(
  id: string,
  figures: readonly string[],
  others: readonly string[],
): { reach: Promise<void>; done: () => void; stop: () => void } {
  // Its form, its figures, and its controls outside the form (named `<id>-…`, not another view's `<id>-<other>-…`).
  const own = (e: Element) => !others.some((o) => o.startsWith(`${id}-`) && e.id.startsWith(`${o}-`));
  const controls = Array.from(
    document.querySelectorAll<HTMLElement>(
      ['input', 'select', 'textarea', 'button', 'a'].map((t) => `${t}[id^="${id}-"]`).join(','),
    ),
  ).filter(own);
  const form = document.getElementById(`${id}-controls`);
  const around = [form, ...sectionsOf(figures)].filter((p): p is HTMLElement => !!p);
  // Each event is heard once: a control inside the form or a figure is heard there.
  const places = [...around, ...controls.filter((c) => !around.some((p) => p.contains(c)))];
  // One of each change per control is given again (the view reads the control's value then).
  const kept = new Map<EventTarget, Set<string>>();
  const keep = (e: Event) => {
    if (e.type !== 'click') {
      if (e.target) kept.set(e.target, (kept.get(e.target) ?? new Set()).add(e.type));
      // A change of the view's form is drawn once the code is wired: its figures say so meanwhile.
      const t = e.target as HTMLInputElement;
      if (e.type === 'change' && t.name && form?.contains(t)) viewState(sectionsOf(figures), 'busy');
      return;
    }
    // A figure's own buttons (PNG, copy) are the page's, wired already; the view's buttons and its links
    // (an export made by its code) are pressed again once it is wired, and a link does nothing meanwhile.
    const t = (e.target as Element).closest?.<HTMLElement>(
      'button:not([type=submit]):not([data-action=png]):not([data-action=copy]), a[id]',
    );
    if (!t || (t.localName === 'a' && !t.id.startsWith(`${id}-`))) return;
    if (t.localName === 'a') e.preventDefault();
    kept.set(t, new Set(['click']));
  };
  const listen = (on: boolean) => {
    for (const p of places)
      for (const t of ['input', 'change', 'click'])
        if (on) p.addEventListener(t, keep, true);
        else p.removeEventListener(t, keep, true);
  };
  listen(true);
  const reach = new Promise<void>((resolve) => {
    const go = () => {
      for (const p of places) for (const t of REACH) p.removeEventListener(t, go, true);
      resolve();
    };
    for (const p of places) for (const t of REACH) p.addEventListener(t, go, true);
  });
  const done = () => {
    listen(false);
    for (const [target, types] of kept)
      for (const type of types)
        if (type === 'click') (target as HTMLElement).click();
        else target.dispatchEvent(new Event(type, { bubbles: true }));
  };
  return { reach, done, stop: () => listen(false) };
}

/**
 * Starts every view on the page: each view's configuration names it (`<id>-config`, data-view),
 * and its client is src/client/views/<id>.ts. A page whose address is bare shows the build's
 * views, and a view's code loads only when the reader reaches for it (an eager view's as the
 * page loads); an address loads the code of the views it names at once.
 */
export function startViews(): void {
  const clients = import.meta.glob<{ default: ClientView<unknown, unknown, unknown, unknown> }>('./views/*.ts');
  const params = new URLSearchParams(location.search);
  const configs = Array.from(document.querySelectorAll<HTMLElement>('script[data-view]'));
  const keysOf = (c: HTMLElement) => (c.dataset.keys ?? '').split(',').filter(Boolean);
  const pageKeys = new Set(configs.flatMap(keysOf));
  const waits = (c: HTMLElement) => params.size === 0 && c.dataset.eager === undefined;
  const run = async (config: HTMLElement, first: boolean) => {
    const id = config.dataset.view!;
    const figures = (config.dataset.figures ?? '').split(',');
    const sections = sectionsOf(figures);
    // A view the address names is on its way: its figures say so from the start (the build's view is on show until then).
    if (keysOf(config).some((k) => params.has(k))) viewState(sections, 'busy');
    const later = waits(config)
      ? reached(
          id,
          figures,
          configs.map((c) => c.dataset.view!),
        )
      : null;
    await later?.reach;
    try {
      const client = await clients[`./views/${id}.ts`]!();
      new View(client.default, config, pageKeys).start(first);
      later?.done();
    } catch (e) {
      later?.stop();
      statusLine(`${id}-status`, failureNote((e as Error).message));
      viewState(sections, 'error');
    }
  };
  // What the reader types or changes before the first started view's code arrives is given to the views
  // again once they are wired (after that, a started view's own listeners hear it, and it is not kept).
  const early = new Map<EventTarget, Set<string>>();
  let listening = true;
  const keep = (e: Event) => {
    if (!listening || !e.target) return;
    if (!early.has(e.target)) early.set(e.target, new Set());
    early.get(e.target)!.add(e.type);
  };
  const now = configs.filter((c) => !waits(c));
  if (now.length) for (const type of ['input', 'change']) document.addEventListener(type, keep, true);
  const started = now.map((config) =>
    run(config, config === configs[0]).finally(() => {
      listening = false;
    }),
  );
  for (const config of configs.filter(waits)) void run(config, config === configs[0]);
  void Promise.allSettled(started).then(() => {
    for (const type of ['input', 'change']) document.removeEventListener(type, keep, true);
    for (const [target, types] of early)
      for (const type of types) target.dispatchEvent(new Event(type, { bubbles: true }));
  });
}
