/**
 * The confidence comparator in the browser: reads the view from the address, and on every
 * change of measure, borough, quarter or funnel limits draws the borough figures with the
 * same functions as the build (src/figures/neighbourhoods.ts) through applyFigure; a ward
 * found by name redraws the ward comparator the same way. The page carries only the
 * default view: the survey table, the similar boroughs and the crime rates
 * (data/neighbourhoods/boroughs.json), the wards (data/neighbourhoods/wards.json) and the
 * outlines load when the reader first reaches for a control, or at once when the address
 * asks for another view.
 */
import type { Topology } from 'topojson-specification';
import { applyFigure, wireSection } from './apply-figure.ts';
import { announce, statusLine, viewState } from './dom.ts';
import { renderChart } from '../charts/index.ts';
import { defaultState, defaultWard, neighbourhoodsFigures, nbParams, parseNbState, parseWard, wardFigure, wardMapFigure, type NbState, type NeighbourhoodsInput, type WardData } from '../figures/neighbourhoods.ts';
import type { FigureSource } from '../figures/types.ts';

const IDS = ['neighbourhoods-ranked', 'neighbourhoods-funnel', 'neighbourhoods-trend', 'neighbourhoods-map', 'neighbourhoods-crime', 'neighbourhoods-groups'];
const WARD_IDS = ['neighbourhoods-ward', 'neighbourhoods-ward-map'];
type BoroughData = Omit<NeighbourhoodsInput, 'topology'>;
interface Config {
  dataUrl: string;
  boroughsUrl: string;
  wardsUrl: string;
  wardTopoUrl: string;
  wardBoundaries: FigureSource;
}

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
const byId = (ids: string[]) => ids.map((id) => document.getElementById(id)).filter((e): e is HTMLElement => !!e);

export async function initNeighbourhoods(): Promise<void> {
  const cfg = JSON.parse(document.getElementById('nb-config')!.textContent) as Config;
  const form = document.getElementById('nb-controls') as HTMLFormElement | null;
  const wardInput = document.getElementById('nb-ward') as HTMLInputElement | null;
  const status = (msg: string | null) => statusLine('nb-status', msg);
  const wardStatus = (msg: string | null) => statusLine('nb-ward-status', msg);
  for (const s of [...byId(IDS), ...byId(WARD_IDS)]) wireSection(s);

  let boroughData: BoroughData | null = null;
  let wards: WardData | null = null;
  const data = shared(() => getJson<BoroughData>(cfg.dataUrl).then((d) => (boroughData = d)));
  const topo = shared(() => getJson<Topology>(cfg.boroughsUrl));
  const wardData = shared(() => getJson<WardData>(cfg.wardsUrl).then((w) => (wards = w)));
  const wardTopo = shared(() => getJson<Topology>(cfg.wardTopoUrl));
  const wardLabel = (x: WardData['wards'][number]) => `${x.name}, ${x.boroughName}`;

  let state: NbState | null = null;
  let ward: string | null = null;
  let seq = 0;
  let wardSeq = 0;

  /** The view in the address, in canonical form: the borough view's settings (once known) and the ward (once chosen; else the address's, kept). */
  const writeAddress = () => {
    const now = new URLSearchParams(location.search);
    const p = boroughData && state ? nbParams(state, boroughData.pas) : new URLSearchParams([...now].filter(([k]) => k !== 'ward'));
    if (wards && ward && boroughData) {
      if (ward !== defaultWard(wards, defaultState(boroughData.pas).borough)) p.set('ward', ward);
    } else if (now.get('ward') !== null) p.set('ward', now.get('ward')!);
    const q = p.toString();
    history.replaceState(null, '', q ? `?${q}` : location.pathname);
  };

  const sync = (s: NbState) => {
    if (!form) return;
    (form.elements.namedItem('measure') as HTMLSelectElement).value = s.measure;
    (form.elements.namedItem('borough') as HTMLSelectElement).value = s.borough;
    (form.elements.namedItem('quarter') as HTMLSelectElement).value = s.quarter;
    for (const r of Array.from(form.querySelectorAll<HTMLInputElement>('input[name=limits]'))) r.checked = (r.value === 'overdispersed') === s.od;
  };

  /** Draws the borough figures for a view given as address parameters; what cannot be used is named. */
  const drawBoroughs = async (params: URLSearchParams, announceIt: boolean, fromAddress: boolean) => {
    const me = ++seq;
    viewState(byId(IDS), 'busy');
    try {
      const [d, t] = await Promise.all([data(), topo()]);
      if (me !== seq) return;
      const parsed = parseNbState(params, d.pas);
      state = parsed.state;
      sync(state);
      status(parsed.problems.length ? (fromAddress ? `Some of the address could not be used (${parsed.problems.join('; ')}), so defaults are shown for those parts.` : `${parsed.problems.join('; ')}.`) : null);
      writeAddress();
      const figs = neighbourhoodsFigures({ ...d, topology: t }, state);
      for (const f of figs) {
        const s = document.getElementById(f.id);
        if (s) applyFigure(s, f, { render: renderChart });
      }
      viewState(byId(IDS), 'ready');
      if (announceIt) announce(figs[0]!.title, figs[0]!.description);
    } catch (e) {
      if (me !== seq) return;
      viewState(byId(IDS), 'error');
      status(`The view could not be drawn: ${(e as Error).message}. Try again, or reload the page.`);
    }
  };

  const drawWard = async (announceIt: boolean) => {
    const me = ++wardSeq;
    viewState(byId(WARD_IDS), 'busy');
    try {
      const [w, t, b] = await Promise.all([wardData(), wardTopo(), topo()]);
      if (me !== wardSeq || !ward) return;
      const f = wardFigure(w, ward);
      const m = wardMapFigure(w, ward, b, t, cfg.wardBoundaries);
      for (const fig of [f, m]) {
        const s = document.getElementById(fig.id);
        if (s) applyFigure(s, fig, { render: renderChart });
      }
      viewState(byId(WARD_IDS), 'ready');
      if (announceIt) announce(f.title, f.description);
    } catch (e) {
      if (me !== wardSeq) return;
      viewState(byId(WARD_IDS), 'error');
      wardStatus(`The ward view could not be drawn: ${(e as Error).message}. Try again, or reload the page.`);
    }
  };

  /** The ward list for the search box, filled once the wards are loaded (the page does not carry it). */
  const fillWardList = (w: WardData) => {
    const list = document.getElementById('nb-ward-list');
    if (!list || list.childElementCount) return;
    for (const x of [...w.wards].sort((a, b) => wardLabel(a).localeCompare(wardLabel(b), 'en-GB'))) {
      const o = document.createElement('option');
      o.value = wardLabel(x);
      list.appendChild(o);
    }
  };

  // Reaching for a control loads what its change will need.
  const warm = (loads: (() => Promise<unknown>)[]) => () => {
    for (const l of loads) l().catch(() => undefined); // a failure is reported by the change that needs it
  };
  for (const ev of ['pointerover', 'focusin']) {
    form?.addEventListener(ev, warm([data, topo]), { once: true });
    wardInput?.addEventListener(ev, () => void wardData().then(fillWardList, () => undefined), { once: true });
    wardInput?.addEventListener(ev, warm([wardTopo, topo, data]), { once: true });
  }

  form?.addEventListener('change', () => {
    const value = (name: string) => (form.elements.namedItem(name) as HTMLSelectElement).value;
    const p = new URLSearchParams();
    p.set('measure', value('measure'));
    p.set('borough', value('borough'));
    p.set('quarter', value('quarter'));
    p.set('limits', form.querySelector<HTMLInputElement>('input[name=limits]:checked')?.value ?? 'binomial');
    void drawBoroughs(p, true, false);
  });

  wardInput?.addEventListener('change', () => {
    void (async () => {
      const text = wardInput.value.trim().toLowerCase();
      if (!text) return;
      let w: WardData;
      try {
        w = await wardData();
      } catch (e) {
        viewState(byId(WARD_IDS), 'error');
        wardStatus(`The list of wards could not be loaded: ${(e as Error).message}. Try again, or reload the page.`);
        return;
      }
      fillWardList(w);
      const exact = w.wards.find((x) => wardLabel(x).toLowerCase() === text);
      const byName = w.wards.filter((x) => x.name.toLowerCase() === text);
      const found = exact ?? (byName.length === 1 ? byName[0] : undefined);
      const typed = wardInput.value.trim().slice(0, 40);
      if (!found) {
        const some = w.wards.filter((x) => wardLabel(x).toLowerCase().includes(text));
        wardStatus(some.length ? `${some.length} wards match "${typed}": choose one from the list (${some.slice(0, 5).map(wardLabel).join('; ')}${some.length > 5 ? '; …' : ''}).` : `No ward matches "${typed}"; type part of a ward's name and choose from the list.`);
        return;
      }
      wardStatus(null);
      ward = found.code;
      wardInput.value = wardLabel(found);
      await data().catch(() => undefined); // for the canonical address
      writeAddress();
      await drawWard(true);
    })();
  });

  // A view in the address: drawn at once.
  const params = new URLSearchParams(location.search);
  if (params.has('ward')) {
    void (async () => {
      try {
        const [w, d] = await Promise.all([wardData(), data()]);
        const p = parseWard(params, w, defaultState(d.pas).borough);
        ward = p.ward;
        if (wardInput) wardInput.value = wardLabel(w.wards.find((x) => x.code === ward)!);
        if (p.problems.length) {
          wardStatus(`Some of the address could not be used (${p.problems.join('; ')}), so the first ward is shown.`);
          writeAddress();
        }
        await drawWard(false);
      } catch (e) {
        viewState(byId(WARD_IDS), 'error');
        wardStatus(`The ward view could not be drawn: ${(e as Error).message}. Reload the page to try again.`);
      }
    })();
  } else viewState(byId(WARD_IDS), 'ready');
  if ([...params.keys()].some((k) => k !== 'ward' && k !== 'theme' && k !== 'full')) await drawBoroughs(params, false, true);
  else viewState(byId(IDS), 'ready');
}
