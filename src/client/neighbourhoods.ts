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
import { neighbourhoodsFigures, nbParams, parseNbState, type NbState, type NeighbourhoodsInput } from '../figures/neighbourhoods.ts';

const IDS = ['neighbourhoods-ranked', 'neighbourhoods-funnel', 'neighbourhoods-trend', 'neighbourhoods-map', 'neighbourhoods-crime'];
type Config = Omit<NeighbourhoodsInput, 'topology'> & { boroughsUrl: string };

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
    const q = nbParams(state, cfg.pas).toString();
    history.replaceState(null, '', q ? `?${q}` : location.pathname);
    void draw(true);
  });

  if (['measure', 'borough', 'quarter', 'limits'].some((k) => params.has(k)) || parsed.problems.length) {
    sync();
    await draw(false);
  } else viewState(sections(), 'ready');
}
