/**
 * The confidence comparator in the browser: reads the view from the address, and on every
 * change of measure, borough, quarter or funnel limits draws all five figures with the
 * same functions as the build (src/figures/neighbourhoods.ts) through applyFigure. The
 * data (survey table, most similar boroughs, crime rates) is in the page; the borough
 * map's outlines are loaded once.
 */
import type { Topology } from 'topojson-specification';
import { applyFigure, wireAllRows } from './apply-figure.ts';
import { announce, statusLine, viewState } from './dom.ts';
import { renderChart } from '../charts/index.ts';
import { defaultState, defaultWard, neighbourhoodsFigures, nbParams, parseNbState, parseWard, wardFigure, wardMapFigure, type NbState, type NeighbourhoodsInput, type WardData } from '../figures/neighbourhoods.ts';
import type { FigureSource } from '../figures/types.ts';

const IDS = ['neighbourhoods-ranked', 'neighbourhoods-funnel', 'neighbourhoods-trend', 'neighbourhoods-map', 'neighbourhoods-crime'];
type Config = Omit<NeighbourhoodsInput, 'topology'> & { boroughsUrl: string; wardsUrl: string; wardTopoUrl: string; wardBoundaries: FigureSource };
const WARD_IDS = ['neighbourhoods-ward', 'neighbourhoods-ward-map'];

const getJson = <T,>(url: string): Promise<T> => fetch(url).then((r) => (r.ok ? (r.json() as Promise<T>) : Promise.reject(new Error(`${url}: HTTP ${r.status}`))));
/** A load shared by every caller, tried again after a failure. */
function shared<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => {
    p ??= load();
    p.catch(() => (p = null));
    return p;
  };
}

export async function initNeighbourhoods(): Promise<void> {
  const cfg = JSON.parse(document.getElementById('nb-config')!.textContent) as Config;
  const form = document.getElementById('nb-controls') as HTMLFormElement | null;
  const sections = () => IDS.map((id) => document.getElementById(id)).filter((e): e is HTMLElement => !!e);
  for (const s of sections()) wireAllRows(s);
  let topology: Promise<Topology> | null = null;
  // Loaded once; a failed load is tried again by the next change.
  const topo = () => {
    topology ??= fetch(cfg.boroughsUrl).then((r) => (r.ok ? (r.json() as Promise<Topology>) : Promise.reject(new Error(`borough outlines: HTTP ${r.status}`))));
    topology.catch(() => (topology = null));
    return topology;
  };

  let loadedWards: WardData | null = null;
  const wardData = shared(() => getJson<WardData>(cfg.wardsUrl).then((w) => (loadedWards = w)));
  const wardTopo = shared(() => getJson<Topology>(cfg.wardTopoUrl));
  const wardSections = () => WARD_IDS.map((id) => document.getElementById(id)).filter((e): e is HTMLElement => !!e);
  for (const s of wardSections()) wireAllRows(s);
  const wardInput = document.getElementById('nb-ward') as HTMLInputElement | null;
  const wardLabel = (x: WardData['wards'][number]) => `${x.name}, ${x.boroughName}`;
  const wardStatus = (msg: string | null) => statusLine('nb-ward-status', msg);
  let ward: string | null = null;
  let wardSeq = 0;

  /** The view in the address: the borough view's settings, and the ward once one is chosen (else the address's ward, kept). */
  const writeAddress = (w: WardData | null) => {
    const p = nbParams(state, cfg.pas);
    const before = new URLSearchParams(location.search).get('ward');
    if (w && ward) {
      if (ward !== defaultWard(w, defaultState(cfg.pas).borough)) p.set('ward', ward);
    } else if (before !== null) p.set('ward', before);
    const q = p.toString();
    history.replaceState(null, '', q ? `?${q}` : location.pathname);
  };

  const drawWard = async (announceIt: boolean) => {
    const me = ++wardSeq;
    viewState(wardSections(), 'busy');
    try {
      const [w, t, b] = await Promise.all([wardData(), wardTopo(), topo()]);
      if (me !== wardSeq || !ward) return;
      const f = wardFigure(w, ward);
      const m = wardMapFigure(w, ward, b, t, cfg.wardBoundaries);
      for (const fig of [f, m]) {
        const s = document.getElementById(fig.id);
        if (s) applyFigure(s, fig, { render: renderChart });
      }
      viewState(wardSections(), 'ready');
      if (announceIt) announce(f.title, f.description);
    } catch (e) {
      viewState(wardSections(), 'error');
      wardStatus(`The ward view could not be drawn: ${(e as Error).message}. Reload the page to try again.`);
    }
  };

  wardInput?.addEventListener('change', () => {
    void (async () => {
      const text = wardInput.value.trim().toLowerCase();
      if (!text) return;
      let w: WardData;
      try {
        w = await wardData();
      } catch (e) {
        viewState(wardSections(), 'error');
        wardStatus(`The list of wards could not be loaded: ${(e as Error).message}. Try again, or reload the page.`);
        return;
      }
      const exact = w.wards.find((x) => wardLabel(x).toLowerCase() === text);
      const byName = w.wards.filter((x) => x.name.toLowerCase() === text);
      const found = exact ?? (byName.length === 1 ? byName[0] : undefined);
      if (!found) {
        const some = w.wards.filter((x) => wardLabel(x).toLowerCase().includes(text));
        wardStatus(some.length ? `${some.length} wards match "${wardInput.value.trim().slice(0, 40)}": choose one from the list (${some.slice(0, 5).map(wardLabel).join('; ')}${some.length > 5 ? '; …' : ''}).` : `No ward matches "${wardInput.value.trim().slice(0, 40)}"; type part of a ward's name and choose from the list.`);
        return;
      }
      wardStatus(null);
      ward = found.code;
      wardInput.value = wardLabel(found);
      writeAddress(w);
      await drawWard(true);
    })();
  });

  const params = new URLSearchParams(location.search);
  const parsed = parseNbState(params, cfg.pas);
  let state: NbState = parsed.state;
  if (parsed.problems.length) statusLine('nb-status', `Some of the address could not be used (${parsed.problems.join('; ')}), so defaults are shown for those parts.`);
  let seq = 0;

  const sync = () => {
    if (!form) return;
    (form.elements.namedItem('measure') as HTMLSelectElement).value = state.measure;
    (form.elements.namedItem('borough') as HTMLSelectElement).value = state.borough;
    (form.elements.namedItem('quarter') as HTMLSelectElement).value = state.quarter;
    for (const r of Array.from(form.querySelectorAll<HTMLInputElement>('input[name=limits]'))) r.checked = (r.value === 'overdispersed') === state.od;
  };

  const draw = async (announceIt: boolean) => {
    const me = ++seq;
    viewState(sections(), 'busy');
    try {
      const t = await topo();
      if (me !== seq) return;
      const figs = neighbourhoodsFigures({ ...cfg, topology: t }, state);
      for (const f of figs) {
        const s = document.getElementById(f.id);
        if (s) applyFigure(s, f, { render: renderChart });
      }
      viewState(sections(), 'ready');
      if (announceIt) announce(figs[0]!.title, figs[0]!.description);
    } catch (e) {
      viewState(sections(), 'error');
      statusLine('nb-status', `The view could not be drawn: ${(e as Error).message}. Reload the page to try again.`);
    }
  };

  form?.addEventListener('change', () => {
    const value = (name: string) => (form.elements.namedItem(name) as HTMLSelectElement).value;
    const p = new URLSearchParams();
    p.set('measure', value('measure'));
    p.set('borough', value('borough'));
    p.set('quarter', value('quarter'));
    p.set('limits', form.querySelector<HTMLInputElement>('input[name=limits]:checked')?.value ?? 'binomial');
    const next = parseNbState(p, cfg.pas);
    // A quarter the measure does not have (Trust MPS before March 2016): the latest, and a note.
    statusLine('nb-status', next.problems.length ? `${next.problems.join('; ')}.` : null);
    state = next.state;
    sync();
    writeAddress(loadedWards);
    void draw(true);
  });

  if (params.has('ward')) {
    void (async () => {
      try {
        const w = await wardData();
        const p = parseWard(params, w, defaultState(cfg.pas).borough);
        ward = p.ward;
        if (wardInput) wardInput.value = wardLabel(w.wards.find((x) => x.code === ward)!);
        if (p.problems.length) {
          wardStatus(`Some of the address could not be used (${p.problems.join('; ')}), so the first ward is shown.`);
          writeAddress(w);
        }
        await drawWard(false);
      } catch (e) {
        viewState(wardSections(), 'error');
        wardStatus(`The ward view could not be drawn: ${(e as Error).message}. Reload the page to try again.`);
      }
    })();
  } else viewState(wardSections(), 'ready');
  if (['measure', 'borough', 'quarter', 'limits'].some((k) => params.has(k)) || parsed.problems.length) {
    sync();
    // The address in canonical form: what could not be used is named in the note, not kept.
    if (parsed.problems.length) writeAddress(loadedWards);
    await draw(false);
  } else viewState(sections(), 'ready');
}
