/**
 * The ISTV page in the browser: the file goes to a Web Worker (src/workers/istv.ts; never
 * over the network), its column mapping is guessed there and shown for the reader to
 * correct, and the view (src/figures/istv/view.ts) is run by the one controller for the
 * mapping, the filters and the disclosure control. Until a file is chosen the page shows
 * the synthetic extract, also loaded into the worker so that the filters work on it. What
 * is the page's own is here: the file and mapping controls, the rows not used, and the
 * downloads of the filtered and rejected rows.
 */
import { mappingProblem, savedMappings, type IstvAnalysis, type Mapping } from '../../lib/istv.ts';
import { istvTexts, REJECTED_LISTED } from '../../figures/istv/texts.ts';
import { ISTV_VIEW, type IstvState } from '../../figures/istv/state.ts';
import type { IstvConfig, IstvData, IstvViewContext } from '../../figures/istv/view.ts';
import type { IstvHeader } from '../../workers/istv.ts';
import { MIN_THRESHOLD } from '../../lib/suppress.ts';
import { el, h } from '../dom.ts';
import { blobLink } from '../downloads.ts';
import type { ClientView, View } from '../view-page.ts';

type Istv = View<IstvViewContext, IstvState, IstvData, { notShown: string[] }>;
const STORE = 'lca-istv-mappings';
/** The largest file read: held in memory twice (text and rows), a larger one could exhaust the tab's memory. */
export const MAX_BYTES = 200 * 1048576;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const n = (x: number) => x.toLocaleString('en-GB');
/** When the view on its way began to be drawn, and whether it is of the reader's own file. */
let began = 0;
let ownFile = false;
/** The page's state for tests and readers, on its status line: reading, mapping, busy, ready (the build's first view) or error. */
const setStage = (stage: string): void => void ($('istv-status').dataset.istv = stage);
/** The mappings saved in this browser that can be used (a header's columns are counted from its key). */
const saved = () => savedMappings(localStorage.getItem(STORE), (key) => key.split('\u0001').length);

/** The column mapping, for the reader to check: each ISTV field's column, with examples from the file. */
function showMapping(cfg: IstvConfig, head: IstvHeader, mapping: Mapping, remembered: boolean): void {
  $<HTMLInputElement>('istv-remember').checked = remembered;
  const how = remembered
    ? 'The mapping you saved for files with these columns is applied'
    : 'Guessed from the column names';
  $('istv-mapping-intro').textContent =
    `${head.file}: ${head.header.length} columns. ${how}; change any that are wrong. A date (of the attendance or of the assault) is needed; every other field is optional.`;
  const example = (i: number) =>
    head.sample
      .map((r) => r[i])
      .filter(Boolean)
      .slice(0, 2)
      .join('; ') || '(empty)';
  $('istv-mapping-fields').replaceChildren(
    ...cfg.fields.map((f) => {
      const options = head.header.map((name, i) =>
        el('option', `${name || `column ${i + 1}`} — e.g. ${example(i)}`.slice(0, 90), { value: String(i) }),
      );
      const select = h(
        'select',
        { id: `map-${f.key}`, name: f.key },
        el('option', '(not in my file)', { value: '' }),
        ...options,
      );
      select.value = mapping[f.key] === undefined ? '' : String(mapping[f.key]);
      return h('div', { class: 'control' }, el('label', f.label, { for: `map-${f.key}` }), select);
    }),
  );
  $('istv-mapping').hidden = false;
}

/** The filters' choices: the file's sites, methods and location types, and its dates. */
function controls(form: HTMLFormElement, a: IstvAnalysis): void {
  const fill = (id: string, values: string[]) => {
    const s = $<HTMLSelectElement>(id);
    s.replaceChildren(el('option', 'All', { value: '' }), ...values.map((v) => el('option', v, { value: v })));
    s.disabled = values.length === 0;
  };
  fill('istv-f-hospital', a.options.hospital);
  fill('istv-f-method', a.options.method);
  fill('istv-f-location', a.options.locationType);
  for (const [id, v] of [
    ['istv-from', a.options.from],
    ['istv-to', a.options.to],
  ] as const) {
    const i = $<HTMLInputElement>(id);
    i.min = a.options.from ?? '';
    i.max = a.options.to ?? '';
    if (v) i.placeholder = v;
  }
  form.hidden = false;
}

/** After an analysis is drawn: the words around the figures (src/figures/istv/texts.ts), the rows not used, and the status line. */
function drawn(view: Istv, d: IstvData, notShown: string[], note: string | null): void {
  const a = d.analysis;
  const t = istvTexts(a, view.state!, notShown);
  const text = (id: string, words: string) => {
    $(id).textContent = words;
    $(id).hidden = !words;
  };
  text('istv-not-shown', t.notShown);
  $('istv-merged').hidden = !t.merged.summary;
  $('istv-merged-summary').textContent = t.merged.summary;
  $('istv-merged-list').replaceChildren(...t.merged.items.map((m) => el('li', m)));
  $('istv-rejected-rows').replaceChildren(
    ...a.rejected
      .slice(0, REJECTED_LISTED)
      .map((r) => h('tr', {}, el('th', String(r.line), { scope: 'row' }), el('td', r.reason))),
  );
  $('istv-rejected-summary').textContent = t.rejected;
  $('istv-filter-summary').textContent = t.filtered;
  view.status([note, t.status].filter(Boolean).join(' '));
  // For the benchmark (bench/istv.ts): the worker's analysis, and the whole change to its figures drawn.
  Object.assign($('istv-status').dataset, {
    analyseMs: String(Math.round(d.ms)),
    totalMs: String(Math.round(performance.now() - began)),
  });
  setStage('ready');
}

/** The file in the worker: read, mapped (by the reader, or as guessed for the synthetic extract) and analysed. */
class Files {
  /** counted up by every file read (or the extract asked for): an analysis or an export of an earlier one is not reused, and a read overtaken stops */
  version = 0;
  head: IstvHeader | null = null;
  constructor(private readonly view: Istv) {}

  private clearFilters(): void {
    for (const id of ['istv-from', 'istv-to', 'istv-f-hospital', 'istv-f-method', 'istv-f-location'])
      $<HTMLInputElement>(id).value = '';
  }

  /** The file the worker holds, for the view to analyse. */
  private async hold(mapping: Mapping, mine: boolean): Promise<void> {
    const { ctx } = await this.view.ready();
    const merge = !mine || $<HTMLInputElement>('istv-merge').checked;
    ctx.file = { mapping, merge, name: this.head!.file, mine, version: this.version };
    ownFile = mine;
  }

  /** Draws the file's figures for a mapping, with the filters cleared and the disclosure control as set. */
  async analyse(mapping: Mapping, mine: boolean): Promise<void> {
    await this.hold(mapping, mine);
    const k = Math.max(MIN_THRESHOLD, Number($<HTMLInputElement>('istv-k').value) || MIN_THRESHOLD);
    const present = $<HTMLInputElement>('istv-present').checked;
    await this.view.show({ filter: {}, present, k }, { announce: mine });
  }

  /**
   * Reads a file in the worker; the synthetic extract goes straight to its analysis (or, `quiet`,
   * is only held for the next change: the page shows the build's view of it), a reader's own to the mapping.
   */
  async read(file: File, mine: boolean, token = ++this.version, quiet = false): Promise<void> {
    const { ctx } = await this.view.ready();
    if (!quiet) {
      // A view on its way for the file before (a change made as the page's code arrived) is not drawn.
      this.view.overtake();
      setStage('reading');
      // Until the file is mapped, there is nothing to filter: the worker's file is no longer the one analysed.
      ctx.file = null;
      this.view.form!.hidden = true;
    }
    let head: IstvHeader;
    try {
      head = await this.view.io.work<IstvHeader>({ type: 'file', file, mine });
    } catch (e) {
      if (token !== this.version) return;
      this.view.status((e as Error).message);
      return setStage('error');
    }
    // A file chosen meanwhile has replaced this one, in the worker too.
    if (token !== this.version) return;
    this.head = head;
    if (quiet) return this.hold(head.guess, false);
    this.clearFilters();
    if (!mine) return this.analyse(head.guess, false);
    const remembered = saved()[head.header.join('\u0001')];
    showMapping(ctx.cfg, head, remembered ?? head.guess, !!remembered);
    $('istv-status').dataset.readMs = String(Math.round(head.ms));
    const p = mappingProblem(remembered ?? head.guess);
    this.view.status(
      `${head.file}: ${n(head.rows)} rows read in this browser. Check which column is which, then Analyse.${p ? ` ${p}` : ''}`,
    );
    setStage('mapping');
  }

  /** The synthetic extract, fetched from the site and read like a file (`quiet`: held for the next change, not drawn). */
  async synthetic(quiet = false): Promise<void> {
    const token = ++this.version;
    const { ctx } = await this.view.ready();
    $('istv-mapping').hidden = true;
    const r = await fetch(ctx.cfg.synthetic);
    if (!r.ok) throw new Error(`${ctx.cfg.synthetic}: HTTP ${r.status}`);
    const blob = await r.blob();
    // The reader chose a file while the extract was on its way: it is not read over theirs.
    if (token !== this.version) return;
    await this.read(new File([blob], ctx.cfg.syntheticName, { type: 'text/csv' }), false, token, quiet);
  }

  /** The mapping the reader checked: analysed if it has what is needed, and remembered if asked. */
  submitMapping(): void {
    if (!this.head) return;
    const mapping: Mapping = {};
    for (const el of Array.from($<HTMLFormElement>('istv-mapping').querySelectorAll('select')))
      if (el.value !== '') mapping[el.name as keyof Mapping] = Number(el.value);
    const p = mappingProblem(mapping);
    $('istv-mapping-problem').hidden = !p;
    $('istv-mapping-problem').textContent = p ?? '';
    if (p) return;
    const store = saved();
    const key = this.head.header.join('\u0001');
    if ($<HTMLInputElement>('istv-remember').checked) store[key] = mapping;
    else delete store[key];
    if (Object.keys(store).length) localStorage.setItem(STORE, JSON.stringify(store));
    else localStorage.removeItem(STORE);
    void this.analyse(mapping, true);
  }
}

function start(view: Istv): void {
  if (!view.form) return;
  const files = new Files(view);
  const synthetic = (quiet = false) =>
    files.synthetic(quiet).catch(() => view.status('The synthetic extract could not be loaded; choose your own file.'));
  $<HTMLInputElement>('istv-file').addEventListener('change', (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      const mb = (x: number) => n(Math.round(x / 1048576));
      view.status(
        `${file.name} is ${mb(file.size)} MB: this page reads extracts of up to ${mb(MAX_BYTES)} MB in the browser (about a million rows). Split the file by year or by site and load one part at a time.`,
      );
      return setStage('error');
    }
    view.status(`Reading ${file.name} in this browser…`);
    void files.read(file, true);
  });
  $('istv-synthetic').addEventListener('click', () => {
    $<HTMLInputElement>('istv-file').value = '';
    void synthetic();
  });
  $<HTMLFormElement>('istv-mapping').addEventListener('submit', (e) => {
    e.preventDefault();
    files.submitMapping();
  });
  $('istv-forget').addEventListener('click', () => {
    localStorage.removeItem(STORE);
    $<HTMLInputElement>('istv-remember').checked = false;
    view.status('Remembered mappings forgotten: nothing from this page is kept in this browser.');
  });
  $('istv-clear').addEventListener('click', () => {
    for (const id of ['istv-from', 'istv-to', 'istv-f-hospital', 'istv-f-method', 'istv-f-location'])
      $<HTMLInputElement>(id).value = '';
    // The form's view: its disclosure control as it is (the build's first view is in presentation mode).
    void view.drawForm();
  });
  wireExports(view, files);
  // The worker reads the boundaries, the police series and the area centres before any file (their requests carry nothing of it).
  void view.ready().then(({ ctx }) =>
    view.io.work({
      type: 'init',
      boroughsUrl: ctx.cfg.boroughs,
      policeUrl: ctx.cfg.police,
      areaCentresUrl: ctx.cfg.areaCentres,
    }),
  );
  // The page shows the build's view of the synthetic extract: the worker holds it for the reader's first change.
  const first = synthetic(true);
  void view.ready().then(({ ctx }) => (ctx.reading = first));
}

/** The filtered rows and the rejected rows, made in the worker when asked for (an export of an earlier file is made again). */
function wireExports(view: Istv, files: Files): void {
  const version = () => files.version;
  const base = () => files.head?.file.replace(/\.[^.]+$/, '') ?? 'istv';
  for (const [id, kind, suffix] of [
    ['istv-export', 'rows', 'filtered-rows'],
    ['istv-rejected-export', 'rejected', 'rejected-rows'],
  ] as const) {
    const a = $<HTMLAnchorElement>(id);
    a.addEventListener('click', (e) => {
      if (a.dataset.fresh === `${version()}:${JSON.stringify(view.state)}`) return;
      e.preventDefault();
      void (async () => {
        // On the build's first view, the worker analyses the form's view first (the rows are made from its analysis).
        if (!view.state) await view.drawForm();
        if (!view.state) return;
        const fresh = `${version()}:${JSON.stringify(view.state)}`;
        return view.io.work<string>({ type: 'export', kind }).then(
          (csv) => {
            blobLink(a, csv, 'text/csv', `${base()}-${suffix}.csv`);
            a.dataset.fresh = fresh;
            a.click();
          },
          (err: Error) => view.status(err.message),
        );
      })();
    });
  }
}

const istv: ClientView<IstvViewContext, IstvState, IstvData, { notShown: string[] }> = {
  busyText: () => (ownFile ? 'Analysing your file…' : 'Analysing the synthetic extract…'),
  name: ISTV_VIEW,
  spec: () => import('../../figures/istv/view.ts').then((m) => m.view),
  worker: () => new Worker(new URL('../../workers/istv.ts', import.meta.url), { type: 'module' }),
  // Its data are a file the reader chooses: nothing to load ahead.
  warmData: false,
  start,
  controls: (form, _s, _ctx, d) => controls(form, d.analysis),
  drawn: (result, view, d, note) => drawn(view, d, result.extra?.notShown ?? [], note),
  busy: () => {
    began = performance.now();
    setStage('busy');
  },
  failed: () => setStage('error'),
};
export default istv;
