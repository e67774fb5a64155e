/**
 * The ISTV page: the file goes to a Web Worker (never over the network), the column
 * mapping is guessed there and shown for the reader to correct, and every analysis
 * (for the mapping and the filters) comes back as one object from which the same
 * figure functions as the build's make every figure, drawn with applyFigure. All the
 * figures follow the filters together. Until a file is chosen the page shows the
 * synthetic extract, also loaded into the worker so that the filters work on it.
 */
import type { IstvReply, IstvRequest } from './istv.worker.ts';
import type { IstvAnalysis, IstvFilter, IstvKey, Mapping } from '../lib/istv.ts';
import { mappingProblem, savedMappings } from '../lib/istv.ts';
import { istvFigures, ISTV_IDS, type IstvContext } from '../figures/istv.ts';
import type { Topology } from 'topojson-specification';
import type { FigureSource } from '../figures/types.ts';
import { applyFigure, wireSection, wireDownloads } from './apply-figure.ts';
import { MIN_THRESHOLD } from '../lib/suppress.ts';
import { renderChart } from '../charts/index.ts';
import { el, statusLine, viewState } from './dom.ts';
import { blobLink } from './downloads.ts';

interface Config {
  synthetic: string;
  syntheticName: string;
  boroughs: string;
  /** centres of LSOAs, wards and boroughs (data/violence/area-centres.json) */
  areaCentres: string;
  police: string;
  fields: { key: IstvKey; label: string }[];
  policeSource: FigureSource;
  policeWardSource: FigureSource;
  boundarySource: FigureSource;
  fileUrls: IstvContext['fileUrls'];
}

const STORE = 'lca-istv-mappings';
/** The largest file read: held in memory twice (text and rows), a larger one could exhaust the tab's memory. */
export const MAX_BYTES = 200 * 1048576;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function initIstv(): void {
  const cfg = JSON.parse($('istv-config').textContent) as Config;
  const worker = new Worker(new URL('./istv.worker.ts', import.meta.url), { type: 'module' });
  const post = (m: IstvRequest) => worker.postMessage(m);
  post({ type: 'init', boroughsUrl: cfg.boroughs, policeUrl: cfg.police });
  const boroughs = fetch(cfg.boroughs).then((r) => r.json() as Promise<Topology>);
  let centres: Promise<Record<string, [number, number, string, string]>> | undefined;
  const sections = () => ISTV_IDS.map((id) => document.getElementById(id)).filter((s): s is HTMLElement => !!s);
  for (const s of sections()) wireSection(s);

  let header: string[] = [];
  let mapping: Mapping = {};
  let seq = 0;
  let latest: IstvAnalysis | null = null;
  let mine = false;
  /** A message for the next status line (a refused threshold). */
  let note = '';
  const status = (msg: string | null) => statusLine('istv-status', msg);
  const setReady = (state: string) => (document.body.dataset.istv = state);

  const mapForm = $<HTMLFormElement>('istv-mapping');
  const fieldsBox = $('istv-mapping-fields');
  const filters = $<HTMLFormElement>('istv-filters');
  const problem = $('istv-mapping-problem');

  /** The mappings saved in this browser that can be used (a header's columns are counted from its key). */
  const saved = () => savedMappings(localStorage.getItem(STORE), (key) => key.split('\u0001').length);

  function showMapping(file: string, sample: string[][], guess: Mapping) {
    const remembered = saved()[header.join('\u0001')];
    mapping = remembered ?? guess;
    ($<HTMLInputElement>('istv-remember')).checked = !!remembered;
    $('istv-mapping-intro').textContent = `${file}: ${header.length} columns. ${remembered ? 'The mapping you saved for files with these columns is applied' : 'Guessed from the column names'}; change any that are wrong. A date (of the attendance or of the assault) is needed; every other field is optional.`;
    fieldsBox.replaceChildren(
      ...cfg.fields.map((f) => {
        const id = `map-${f.key}`;
        const wrap = el('div', undefined, { class: 'control' });
        const sel = el('select', undefined, { id, name: f.key });
        sel.append(el('option', '(not in my file)', { value: '' }));
        header.forEach((h, i) => {
          const o = el('option', `${h || `column ${i + 1}`} — e.g. ${sample.map((r) => r[i]).filter(Boolean).slice(0, 2).join('; ') || '(empty)'}`.slice(0, 90), { value: String(i) });
          if (mapping[f.key] === i) o.selected = true;
          sel.append(o);
        });
        wrap.append(el('label', f.label, { for: id }), sel);
        return wrap;
      }),
    );
    mapForm.hidden = false;
  }

  function readMapping(): Mapping {
    const m: Mapping = {};
    for (const f of cfg.fields) {
      const v = (document.getElementById(`map-${f.key}`) as HTMLSelectElement | null)?.value ?? '';
      if (v !== '') m[f.key] = Number(v);
    }
    return m;
  }

  function readFilter(): IstvFilter {
    const fd = new FormData(filters);
    const f: IstvFilter = {};
    for (const k of ['from', 'to', 'hospital', 'method', 'locationType'] as const) {
      const raw = fd.get(k);
      const v = typeof raw === 'string' ? raw : '';
      if (v) f[k] = v;
    }
    return f;
  }

  function fillFilters(a: IstvAnalysis) {
    const fill = (id: string, values: string[], chosen?: string) => {
      const s = $<HTMLSelectElement>(id);
      s.replaceChildren(el('option', 'All', { value: '' }), ...values.map((v) => el('option', v, { value: v })));
      s.value = chosen ?? '';
      s.disabled = values.length === 0;
    };
    fill('istv-f-hospital', a.options.hospital, a.filter.hospital);
    fill('istv-f-method', a.options.method, a.filter.method);
    fill('istv-f-location', a.options.locationType, a.filter.locationType);
    for (const [id, v] of [['istv-from', a.options.from], ['istv-to', a.options.to]] as const) {
      const i = $<HTMLInputElement>(id);
      i.min = a.options.from ?? '';
      i.max = a.options.to ?? '';
      if (!i.value && v) i.placeholder = v;
    }
    filters.hidden = false;
  }

  function analyse() {
    const my = ++seq;
    setReady('busy');
    viewState(sections(), 'busy');
    status(`${mine ? 'Analysing your file' : 'Analysing the synthetic extract'}…`);
    post({ type: 'analyse', seq: my, mapping, filter: readFilter() });
  }

  async function show(a: IstvAnalysis) {
    latest = a;
    version++;
    const topo = await boroughs;
    // Area centres only for an extract that has area codes and no coordinates (fetched once).
    if (!a.points.length && a.areas.length) centres ??= fetch(cfg.areaCentres).then((r) => (r.ok ? (r.json() as Promise<Record<string, [number, number, string, string]>>) : Promise.reject(new Error(`${cfg.areaCentres}: HTTP ${r.status}`))));
    const areaCentres =
      !a.points.length && a.areas.length && centres
        ? await centres.catch((e: unknown) => {
            // Not kept: the next analysis asks again. The map is left out meanwhile, and the page says why.
            centres = undefined;
            status(`The area centres for the map could not be loaded (${(e as Error).message}); the map is left out.`);
            return undefined;
          })
        : undefined;
    const ctx = { boroughs: topo, police: cfg.policeSource, policeWards: cfg.policeWardSource, boundaries: cfg.boundarySource, fileUrls: cfg.fileUrls, areaCentres };
    const k = threshold();
    const present = $<HTMLInputElement>('istv-present').checked;
    // On screen: the analyst's view, or the controlled one in presentation mode; downloads: always controlled.
    const figs = istvFigures(a, ctx, present ? k : null);
    const controlled = present ? figs : istvFigures(a, ctx, k);
    const hidden: string[] = [];
    for (const id of ISTV_IDS) {
      const s = document.getElementById(id);
      if (!s) continue;
      const f = figs[id];
      s.hidden = !f;
      if (!f) {
        hidden.push(id);
        continue;
      }
      applyFigure(s, f, { render: renderChart });
      if (!present && controlled[id]) wireDownloads(s, controlled[id], { render: renderChart });
      // No controlled version (a group of 1–k attendances): nothing of this figure may leave the browser.
      for (const d of Array.from(s.querySelectorAll<HTMLElement>('a[data-kind="csv"], a[data-kind="csvw"], a[data-kind="svg"], [data-action="png"]'))) d.hidden = !controlled[id];
      // A view of a partner's own file cannot be embedded: its data are not published.
      const embed = s.querySelector<HTMLElement>('.fig-embed');
      if (embed) embed.hidden = mine;
    }
    viewState(sections(), 'ready');
    const notShown = $('istv-not-shown');
    const small = a.filtered > 0 && a.filtered <= k;
    notShown.textContent = hidden.length
      ? small && present
        ? `Only ${a.filtered.toLocaleString('en-GB')} attendances match: a group of ${k} or fewer is not shown in presentation mode.`
        : `Not drawn for this ${a.filtered ? 'file' : 'filter'}: ${hidden.map((id) => WHY[id] ?? id).join('; ')}.`
      : small
        ? `Only ${a.filtered.toLocaleString('en-GB')} attendances match: the figures cannot be downloaded (a group of ${k} or fewer).`
        : '';
    notShown.hidden = !notShown.textContent;
    fillFilters(a);
    const rej = $('istv-rejected-rows');
    rej.replaceChildren(...a.rejected.slice(0, 200).map((r) => {
      const tr = el('tr');
      tr.append(el('th', String(r.line), { scope: 'row' }), el('td', r.reason));
      return tr;
    }));
    $('istv-rejected-summary').textContent = `${a.rows.toLocaleString('en-GB')} rows read: ${a.used.toLocaleString('en-GB')} used, ${a.rejected.length.toLocaleString('en-GB')} rejected${a.rejected.length > 200 ? ' (the first 200 are listed; the download has them all)' : ''}. Every row is used or listed here with its reason: none is dropped silently.`;
    $('istv-filter-summary').textContent = `${a.filtered.toLocaleString('en-GB')} of ${a.used.toLocaleString('en-GB')} attendances match the filters.`;
    const said = note;
    note = '';
    status(said + (a.filtered ? `${a.synthetic ? 'Synthetic extract' : a.file}: ${a.filtered.toLocaleString('en-GB')} attendances shown${a.rejected.length ? `; ${a.rejected.length.toLocaleString('en-GB')} rows rejected (listed below)` : ''}.` : 'No attendances match these filters: clear a filter to see the figures again.'));
    setReady('ready');
  }

  const pendingExports = new Map<number, HTMLAnchorElement>();
  /** Exports have their own numbers, so that asking for one never makes a running analysis's result look stale. */
  let exportSeq = 1_000_000;
  /** Bumped by every analysis shown and every file chosen: an export made before is stale. */
  let version = 0;
  const wireExport = (id: string, kind: 'rows' | 'rejected', name: () => string) => {
    const a = $<HTMLAnchorElement>(id);
    a.addEventListener('click', (e) => {
      if (a.dataset.fresh === String(version)) return;
      e.preventDefault();
      if (!latest) return;
      const my = ++exportSeq;
      pendingExports.set(my, a);
      a.dataset.name = name();
      post({ type: 'export', seq: my, kind });
    });
  };
  const base = () => (latest ? latest.file.replace(/\.[^.]+$/, '') : 'istv');
  wireExport('istv-export', 'rows', () => `${base()}-filtered-rows.csv`);
  wireExport('istv-rejected-export', 'rejected', () => `${base()}-rejected-rows.csv`);

  worker.onmessage = (e: MessageEvent<IstvReply>) => {
    const r = e.data;
    if (r.type === 'header') {
      header = r.header;
      if (!mine) {
        // The synthetic extract: its guessed mapping, straight to the analysis.
        mapping = r.guess;
        analyse();
        return;
      }
      $('istv-status').dataset.readMs = String(Math.round(r.ms));
      showMapping(r.file, r.sample, r.guess);
      const p = mappingProblem(mapping);
      status(`${r.file}: ${r.rows.toLocaleString('en-GB')} rows read in this browser. Check which column is which, then Analyse.${p ? ` ${p}` : ''}`);
      setReady('mapping');
      return;
    }
    if (r.type === 'export') {
      const a = pendingExports.get(r.seq);
      pendingExports.delete(r.seq);
      if (!a) return;
      blobLink(a, r.csv, 'text/csv', a.dataset.name ?? 'istv.csv');
      a.dataset.fresh = String(version);
      a.click();
      return;
    }
    if (r.type === 'error') {
      if (r.seq >= 1_000_000) pendingExports.delete(r.seq);
      status(`${r.message}`);
      setReady('error');
      viewState(sections(), 'ready');
      return;
    }
    if (r.seq !== seq) return;
    $('istv-status').dataset.analyseMs = String(Math.round(r.ms));
    const t0 = performance.now();
    void show(r.analysis).then(() => ($('istv-status').dataset.drawMs = String(Math.round(performance.now() - t0))));
  };

  $<HTMLInputElement>('istv-file').addEventListener('change', (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      status(`${file.name} is ${Math.round(file.size / 1048576).toLocaleString('en-GB')} MB: this page reads extracts of up to ${MAX_BYTES / 1048576} MB in the browser (about a million rows). Split the file by year or by site and load one part at a time.`);
      setReady('error');
      return;
    }
    mine = true;
    latest = null;
    version++;
    setReady('reading');
    status(`Reading ${file.name} in this browser…`);
    post({ type: 'file', file });
  });
  mapForm.addEventListener('submit', (e) => {
    e.preventDefault();
    mapping = readMapping();
    const p = mappingProblem(mapping);
    problem.hidden = !p;
    problem.textContent = p ?? '';
    if (p) return;
    const store = saved();
    if ($<HTMLInputElement>('istv-remember').checked) store[header.join('\u0001')] = mapping;
    else delete store[header.join('\u0001')];
    if (Object.keys(store).length) localStorage.setItem(STORE, JSON.stringify(store));
    else localStorage.removeItem(STORE);
    for (const k of ['istv-from', 'istv-to', 'istv-f-hospital', 'istv-f-method', 'istv-f-location']) $<HTMLInputElement>(k).value = '';
    analyse();
  });
  $('istv-forget').addEventListener('click', () => {
    localStorage.removeItem(STORE);
    $<HTMLInputElement>('istv-remember').checked = false;
    status('Remembered mappings forgotten: nothing from this page is kept in this browser.');
  });
  /** The threshold asked for, never below the minimum (a lower value is raised, and the page says so). */
  function threshold(): number {
    const input = $<HTMLInputElement>('istv-k');
    const v = Math.floor(Number(input.value));
    if (!Number.isFinite(v) || v < MIN_THRESHOLD) {
      input.value = String(MIN_THRESHOLD);
      note = `The suppression threshold cannot be lower than ${MIN_THRESHOLD}: it is ${MIN_THRESHOLD}. `;
      return MIN_THRESHOLD;
    }
    return v;
  }
  filters.addEventListener('change', (e) => {
    const t = e.target as HTMLElement;
    // Disclosure control changes the drawing, not the analysis.
    if ((t.id === 'istv-present' || t.id === 'istv-k') && latest) void show(latest);
    else analyse();
  });
  $('istv-clear').addEventListener('click', () => {
    const present = $<HTMLInputElement>('istv-present').checked;
    const k = $<HTMLInputElement>('istv-k').value;
    filters.reset();
    $<HTMLInputElement>('istv-present').checked = present;
    $<HTMLInputElement>('istv-k').value = k;
    analyse();
  });

  // The synthetic extract into the worker, so that its view answers the filters too; the button brings it back.
  const loadSynthetic = () => {
    mine = false;
    mapForm.hidden = true;
    setReady('reading');
    void fetch(cfg.synthetic)
      .then((r) => r.blob())
      .then((b) => post({ type: 'file', file: new File([b], cfg.syntheticName, { type: 'text/csv' }) }))
      .catch(() => status('The synthetic extract could not be loaded; choose your own file.'));
  };
  $('istv-synthetic').addEventListener('click', () => {
    $<HTMLInputElement>('istv-file').value = '';
    for (const k of ['istv-from', 'istv-to', 'istv-f-hospital', 'istv-f-method', 'istv-f-location']) $<HTMLInputElement>(k).value = '';
    loadSynthetic();
  });
  loadSynthetic();
}

const WHY: Record<string, string> = {
  'istv-day-hour': 'day and hour (no attendances)',
  'istv-months': 'months (no attendances)',
  'istv-weeks': 'weeks (no attendances)',
  'istv-hospital': 'site of treatment (no such column chosen)',
  'istv-method': 'assault method (no such column chosen)',
  'istv-injury': 'injury type (no such column chosen)',
  'istv-location-type': 'location type (no such column chosen)',
  'istv-map': 'map (no coordinates, latitude/longitude or easting/northing, and no LSOA, ward or borough codes)',
  'istv-free-text': 'free-text locations (no location description column)',
  'istv-vs-police': 'police comparison (no borough code or coordinates, or no whole month the police data cover)',
  'istv-vs-police-wards': 'police comparison by ward (no 2022 ward codes in the area column, or no whole month the police ward data cover)',
};
