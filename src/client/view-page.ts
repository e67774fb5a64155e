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
import type { ChartRenderer } from './apply-figure.ts';
import { announce, statusLine, viewState } from './dom.ts';

/** What a view's client hooks can do with its view. */
export interface ViewHandle<Ctx, S, D, E> {
  readonly id: string;
  /** the state on show (null until a view has been drawn in the page) */
  readonly state: S | null;
  /** resolves once the view the address names (if any) is drawn: a search waits for it, so that it looks in the right place */
  readonly settled: Promise<void>;
  /** draws a state (announced after it is drawn, unless told not to) */
  show(state: S, opts?: { announce?: boolean }): Promise<void>;
  /** the state on show, or the address's (the build's view) before any is drawn in the page */
  current(): Promise<S>;
  /** the view's code, configuration and context, loaded once */
  ready(): Promise<{ spec: ViewSpec<unknown, Ctx, S, D, E>; ctx: Ctx }>;
  /** the page's form for the view, if it has one */
  readonly form: HTMLFormElement | null;
  status(message: string | null): void;
  io: ViewIo;
}

export interface ClientView<Ctx, S, D, E = undefined> {
  name: ViewName;
  /** the view's declaration: loaded when the view is first drawn or reached for */
  spec: () => Promise<ViewSpec<unknown, Ctx, S, D, E>>;
  /** the code that draws these kinds of chart (default: every kind, src/charts/index.ts) */
  charts?: (kinds: Set<string>) => Promise<ChartRenderer>;
  /** the view's worker, made when first asked for */
  worker?: () => Worker;
  /** milliseconds to wait after a change before drawing (changes in between are merged) */
  debounce?: number;
  /** once the page starts: the view's own controls (a search box, a file input) */
  start?(view: ViewHandle<Ctx, S, D, E>): void;
  /** once the reader first reaches for a control: what to prepare ahead (after the view's code and data) */
  warm?(view: ViewHandle<Ctx, S, D, E>): void;
  /** the controls that depend on the view's data (option lists, choices that do not apply), after a view is drawn */
  controls?(form: HTMLFormElement, state: S, ctx: Ctx, data: D, result: ViewResult<S, E>): void;
  /** after a view is drawn: what else the page shows of it (`note`: the status line's fallback note, if any) */
  drawn?(result: ViewResult<S, E>, view: ViewHandle<Ctx, S, D, E>, data: D, note: string | null): void;
  /** a view has begun to be drawn */
  busy?(): void;
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

function jsonOf<T>(url: string, schema: Parameters<ViewIo['json']>[1]): Promise<T> {
  return once(url, async () => {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    const checked = schema.safeParse(await r.json());
    if (!checked.success) {
      const i = checked.error.issues[0];
      throw new Error(
        `${url} is damaged: at ${i?.path.map(String).join('.') || 'the top level'}, ${i?.message ?? 'not as expected'}`,
      );
    }
    return checked.data as T;
  });
}

/** A worker's requests and answers, matched by number (src/workers/rpc.ts answers them). */
function rpc(make: (() => Worker) | undefined): ViewIo['work'] {
  let worker: Worker | undefined;
  let n = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  return <T>(request: object, transfer: Transferable[] = []) => {
    if (!make) return Promise.reject(new Error('this view has no worker'));
    if (!worker) {
      worker = make();
      worker.addEventListener(
        'message',
        (e: MessageEvent<{ seq: number; ok: boolean; value?: unknown; message?: string }>) => {
          const w = waiting.get(e.data.seq);
          waiting.delete(e.data.seq);
          if (e.data.ok) w?.resolve(e.data.value);
          else w?.reject(new Error(e.data.message));
        },
      );
      worker.addEventListener('error', (e) => {
        for (const w of waiting.values()) w.reject(new Error(e.message || 'the worker stopped'));
        waiting.clear();
      });
    }
    const seq = ++n;
    const answer = new Promise<T>((resolve, reject) => waiting.set(seq, { resolve: (v) => resolve(v as T), reject }));
    worker.postMessage({ ...request, seq }, transfer);
    return answer;
  };
}

/** The form's values, as an address: the named controls that are on (a changed control's name says which). */
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

export function startView<Ctx, S, D, E>(client: ClientView<Ctx, S, D, E>): ViewHandle<Ctx, S, D, E> | null {
  const { id, figures, keys } = client.name;
  const configEl = document.getElementById(`${id}-config`);
  if (!configEl) return null;
  const form = document.getElementById(`${id}-controls`) as HTMLFormElement | null;
  const sections = () => figures.map((f) => document.getElementById(f)).filter((s): s is HTMLElement => !!s);
  const status = (m: string | null) => statusLine(`${id}-status`, m);
  const io: ViewIo = { json: jsonOf, work: rpc(client.worker), progress: (m) => status(m) };
  const ready = () =>
    once(`view:${id}`, async () => {
      const spec = await client.spec();
      const checked = spec.config.safeParse(JSON.parse(configEl.textContent || 'null'));
      if (!checked.success)
        throw new Error(`the page's configuration of the view is damaged (${checked.error.issues[0]?.message ?? ''})`);
      return { spec, ctx: await spec.context(checked.data, io) };
    });
  const charts = (kinds: Set<string>) =>
    client.charts?.(kinds) ??
    once('charts', () => import('../charts/index.ts').then((m): ChartRenderer => ({ render: m.renderChart })));
  const apply = () => once('apply', () => import('./apply-figure.ts'));
  let seq = 0;
  let state: S | null = null;

  /** Draws the view a `next` step makes (from the address, the form or a hook), unless a later one overtakes it. */
  const draw = async (
    next: (spec: ViewSpec<unknown, Ctx, S, D, E>, ctx: Ctx) => { state: S; problems: string[] } | string,
    say: boolean,
  ) => {
    const my = ++seq;
    viewState(sections(), 'busy');
    form?.setAttribute('aria-busy', 'true');
    client.busy?.();
    try {
      const { spec, ctx } = await ready();
      const step = next(spec, ctx);
      if (typeof step === 'string') {
        // Nothing to draw: the reader is asked for a choice, and the figures show the view before.
        if (my === seq) status(step);
        if (my === seq) viewState(sections(), 'ready');
        return;
      }
      const loaded = await spec.load(step.state, ctx, io);
      if (my !== seq) return;
      const result = await spec.compute(loaded, step.state, ctx);
      const [renderer, { applyFigure, wireDownloads }] = await Promise.all([
        charts(new Set(result.figures.map((f) => f.chart.kind))),
        apply(),
      ]);
      if (my !== seq) return;
      state = result.state ?? step.state;
      const query = spec.serialise(state, ctx).toString();
      const shown = new Map(result.figures.map((f) => [f.id, f]));
      for (const section of sections()) {
        const f = shown.get(section.id);
        section.hidden = !f;
        if (!f) continue;
        applyFigure(section, f, renderer, query);
        const out = result.exports?.[f.id];
        if (out) wireDownloads(section, out, renderer);
        for (const d of Array.from(
          section.querySelectorAll<HTMLElement>(
            'a[data-kind="csv"], a[data-kind="csvw"], a[data-kind="svg"], [data-action="png"]',
          ),
        ))
          d.hidden = out === null;
        const embed = section.querySelector<HTMLElement>('.fig-embed');
        if (embed) embed.hidden = result.embeddable === false;
      }
      // The choices the data offer first, then the view's values among them.
      if (form) client.controls?.(form, state, ctx, loaded, result);
      if (form && spec.formValues) writeForm(form, spec.formValues(state, ctx, loaded));
      const note = fallbackNote([...step.problems, ...(result.problems ?? [])]);
      status(note);
      viewState(sections(), 'ready');
      const told = result.figures.find((f) => f.id === spec.announce) ?? result.figures[0];
      if (say && told) announce(told.title, told.description);
      client.drawn?.(result, handle, loaded, note);
      // The address holds the view (on the page: an embed's address is its host's).
      if (!document.body.dataset.embedId) {
        const write = () => my === seq && writeAddress(keys, query);
        if (client.writeAddress) client.writeAddress(write);
        else write();
      }
    } catch (e) {
      if (my !== seq) return;
      console.error(e);
      status(failureNote((e as Error).message));
      viewState(sections(), 'error');
      client.failed?.((e as Error).message);
    } finally {
      if (my === seq) form?.removeAttribute('aria-busy');
    }
  };

  let settled: Promise<void> = Promise.resolve();
  const handle: ViewHandle<Ctx, S, D, E> = {
    id,
    get settled() {
      return settled;
    },
    form,
    io,
    status,
    ready,
    get state() {
      return state;
    },
    show: (s, opts) => draw(() => ({ state: s, problems: [] }), opts?.announce ?? true),
    current: async () => {
      const { spec, ctx } = await ready();
      return state ?? spec.parse(new URLSearchParams(location.search), ctx).state;
    },
  };

  const fromAddress = (params: URLSearchParams) => draw((spec, ctx) => spec.parse(params, ctx), true);
  const fromForm = (changed: string) =>
    draw((spec, ctx) => {
      const values = formParams(form!);
      // Settings the form does not hold (an area chosen on the map) are kept from the view on show.
      if (state) for (const [k, v] of spec.serialise(state, ctx)) if (!form!.elements.namedItem(k)) values.append(k, v);
      const whole = spec.fromForm ? spec.fromForm(values, changed, ctx, state) : values;
      return typeof whole === 'string' ? whole : spec.parse(whole, ctx);
    }, true);

  if (form) {
    form.addEventListener('submit', (e) => e.preventDefault());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = (name: string, ms: number) => {
      clearTimeout(timer);
      // A view being drawn from the form as it was is overtaken: it would show, and write back, the form before this change.
      seq++;
      viewState(sections(), 'busy');
      timer = setTimeout(() => void fromForm(name), ms);
    };
    form.addEventListener('change', (e) => {
      const t = e.target as HTMLInputElement;
      if (!t.name) return;
      if (client.debounce) later(t.name, client.debounce);
      else void fromForm(t.name);
    });
    // Typing in a text box draws once the reader pauses.
    form.addEventListener('input', (e) => {
      const t = e.target as HTMLInputElement;
      if (t.name && (t.type === 'search' || t.type === 'text')) later(t.name, 150);
    });
  }
  // Reaching for a control loads what a change will need.
  const warm = () => {
    void ready()
      .then(({ spec, ctx }) => {
        void charts(new Set()).catch(() => undefined);
        void apply().catch(() => undefined);
        if (state === null) return spec.load(spec.parse(new URLSearchParams(), ctx).state, ctx, io);
      })
      .catch(() => undefined); // a failure is reported by the change that needs it
    client.warm?.(handle);
  };
  for (const ev of ['pointerover', 'focusin']) form?.addEventListener(ev, warm, { once: true });
  if (form?.matches(':hover, :focus-within')) warm();

  void apply().then((m) => sections().forEach((s) => m.wireSection(s)));
  client.start?.(handle);
  const params = new URLSearchParams(location.search);
  if (keys.some((k) => params.has(k))) settled = fromAddress(params);
  return handle;
}

/** Writes the view's keys into the address, keeping any other view's. */
function writeAddress(keys: readonly string[], query: string): void {
  const p = new URLSearchParams(location.search);
  for (const k of keys) p.delete(k);
  for (const [k, v] of new URLSearchParams(query)) p.append(k, v);
  const q = p.toString();
  const next = q ? `${location.pathname}?${q}` : location.pathname;
  if (next !== location.pathname + location.search) history.replaceState(null, '', next);
}

/**
 * Starts every view on the page: each view's configuration names it (`<id>-config`, data-view),
 * and its client is src/client/views/<id>.ts.
 */
export function startViews(): void {
  const clients = import.meta.glob<{ default: ClientView<never, never, never, never> }>('./views/*.ts');
  const params = new URLSearchParams(location.search);
  // What the reader types or changes before the views' code arrives is given to them again once they are wired.
  const early = new Map<EventTarget, Set<string>>();
  const keep = (e: Event) =>
    e.isTrusted && e.target && (early.get(e.target) ?? early.set(e.target, new Set()).get(e.target)!).add(e.type);
  for (const type of ['input', 'change']) document.addEventListener(type, keep, true);
  const started: Promise<unknown>[] = [];
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('script[data-view]'))) {
    const id = el.dataset.view!;
    // A view the address names is on its way: its figures say so from the start (the build's view is on show until then).
    if ((el.dataset.keys ?? '').split(',').some((k) => k && params.has(k))) {
      viewState(
        (el.dataset.figures ?? '')
          .split(',')
          .map((f) => document.getElementById(f))
          .filter((s): s is HTMLElement => !!s),
        'busy',
      );
    }
    const load = clients[`./views/${id}.ts`];
    if (!load) continue;
    const fail = (e: Error) => statusLine(`${id}-status`, failureNote(e.message));
    started.push(load().then((m) => void startView(m.default as ClientView<unknown, unknown, unknown, unknown>), fail));
  }
  void Promise.allSettled(started).then(() => {
    for (const type of ['input', 'change']) document.removeEventListener(type, keep, true);
    for (const [target, types] of early)
      for (const type of types) target.dispatchEvent(new Event(type, { bubbles: true }));
  });
}
