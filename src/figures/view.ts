/**
 * An interactive view, declared: the address keys it owns, how an address becomes its
 * state and back, what it loads, and how its figures are computed from what it loaded.
 * Each interactive product declares its view in src/figures/<product>/view.ts, beside its
 * pure figures; one controller (src/client/view-page.ts) runs every view the same way:
 * address → state, loading (checked with the data layer's schemas), busy and ready,
 * compute, the figures put into their sections, the embed code and the address.
 */
import type { Figure } from './types.ts';

/** A schema a load is checked with (a zod schema, from src/data/schema). */
export interface Checked<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** A view's name, figures and address keys: all that a page needs before the view is drawn. */
export interface ViewName {
  /** the view's id: its config element (`<id>-config`), status line (`<id>-status`), form (`<id>-controls`), client (src/client/views/<id>.ts) */
  id: string;
  /** every figure the view draws: the embed page of each draws the view its address names */
  figures: readonly string[];
  /** the address keys the view owns (an address with none of them is the build's view, already on the page) */
  keys: readonly string[];
  /**
   * Its code starts as its product page loads, not when the reader first reaches for the view
   * (the atlas: it prepares its outlines in idle time so that its first change is quick).
   */
  eager?: boolean;
}

/** What a view may do while it loads: read the site's files, checked, and run work in its worker. */
export interface ViewIo {
  /** a JSON file (an address), read once (again after a failure) and checked; a failure names the file and what was wrong */
  json<T>(url: string, schema: Checked<T>): Promise<T>;
  /** a request to the view's worker, answered once (the client declares the worker) */
  work<T>(request: object, transfer?: Transferable[]): Promise<T>;
  /** a line for the status line while the view loads ("Loading the records of borough 3 of 25…") */
  progress(message: string): void;
}

export interface ViewResult<S, E = undefined> {
  /** the figures on show; a section of the view whose figure is not among them is hidden */
  figures: Figure[];
  /** the view as drawn, when the data change it (defaults the data decide, values they do not have) */
  state?: S;
  /** what of the view the data could not show, in words */
  problems?: string[];
  /** the figure a section's downloads are made from, when it is not the one on show (null: nothing may be downloaded) */
  exports?: Record<string, Figure | null>;
  /** whether the view may be embedded (a reader's own file may not) */
  embeddable?: boolean;
  /** what else the page shows of the view (the explorer's record table), for the client */
  extra?: E;
}

export interface ViewSpec<Cfg, Ctx, S, D, E = undefined> extends ViewName {
  /** the page's configuration of the view (its `<id>-config` JSON, written by the build) */
  config: Checked<Cfg>;
  /** what reading an address needs (a catalogue), from the configuration and loads */
  context(cfg: Cfg, io: ViewIo): Ctx | Promise<Ctx>;
  /** an address (or the form's values) as a state, and what of it could not be used, in words */
  parse(params: URLSearchParams, ctx: Ctx): { state: S; problems: string[] };
  /** the address of a state: only what differs from the default view */
  serialise(state: S, ctx: Ctx): URLSearchParams;
  /**
   * The form's values after changes of the controls `changed`, made a whole view: a change that
   * makes another setting meaningless drops it (a new data set, its months). Pure. A string:
   * nothing can be drawn, and the page asks the reader for what is missing, in these words.
   */
  fromForm?(
    params: URLSearchParams,
    changed: ReadonlySet<string>,
    ctx: Ctx,
    current: S | null,
  ): URLSearchParams | string;
  /** the form's values for a state, every control's (defaults too) */
  formValues?(state: S, ctx: Ctx, data: D | null): URLSearchParams;
  load(state: S, ctx: Ctx, io: ViewIo): Promise<D>;
  compute(data: D, state: S, ctx: Ctx): ViewResult<S, E> | Promise<ViewResult<S, E>>;
  /** the figure whose title and description are announced after a change (default: the first) */
  announce?: string;
}

/** The fallback note for an address (or a choice) the view could not use in full. */
export function fallbackNote(problems: string[]): string | null {
  return problems.length
    ? `Some of the view could not be used (${problems.join('; ')}), so defaults are shown for those parts.`
    : null;
}

/** The one error text of a view that could not be drawn. */
export function failureNote(message: string): string {
  return `The view could not be drawn: ${message}. The figures show the previous view.`;
}
