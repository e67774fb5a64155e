/**
 * The hotspots page in the browser: its view (src/figures/hotspots/view.ts) run by the one
 * controller, the analysis in a Web Worker (src/workers/hotspots.ts), and what is the page's
 * own: the month and crime-type choices of the data set, the method card, the default
 * sizes the analysis chose, and the reset button.
 */
import { monthLong } from '../../lib/format.ts';
import { HOTSPOTS_VIEW, HS_DEFAULT, typeSlug, type HsState } from '../../figures/hotspots/state.ts';
import type { HotspotsContext, HotspotsData, HotspotsExtra } from '../../figures/hotspots/view.ts';
import { el } from '../dom.ts';
import type { ClientView } from '../view-page.ts';

/** The choices of the data set on show: its months, and only its crime types. */
function controls(form: HTMLFormElement, s: HsState, { d }: HotspotsData, extra: HotspotsExtra | undefined): void {
  for (const name of ['from', 'to'] as const) {
    const sel = form.elements.namedItem(name) as HTMLSelectElement;
    if (sel.options.length !== d.months.length || sel.options[0]?.value !== d.months[0])
      sel.replaceChildren(...d.months.map((m) => new Option(monthLong(m), m)));
    sel.value = s[name] ?? (name === 'from' ? d.months[0]! : d.months.at(-1)!);
  }
  const slugs = new Set(d.types.map(typeSlug));
  for (const box of Array.from(form.querySelectorAll<HTMLInputElement>('input[name=types]')))
    box.disabled = !slugs.has(box.value);
  // The inputs' placeholders name this view's defaults (they differ between data sets); shown only when empty.
  if (extra) {
    (form.elements.namedItem('cell') as HTMLInputElement).placeholder = `default (${Math.round(extra.cellSize)})`;
    (form.elements.namedItem('bw') as HTMLInputElement).placeholder = `default (${Math.round(extra.bandwidth)})`;
  }
}

const hotspots: ClientView<HotspotsContext, HsState, HotspotsData, HotspotsExtra> = {
  name: HOTSPOTS_VIEW,
  spec: () => import('../../figures/hotspots/view.ts').then((m) => m.view),
  worker: () => new Worker(new URL('../../workers/hotspots.ts', import.meta.url), { type: 'module' }),
  // A few boxes ticked in a row make one analysis.
  debounce: 150,
  // The default view is the build's: reaching for a control does not analyse it again.
  warmData: false,
  busyText: () => 'Recalculating…',
  start(view) {
    document.getElementById('hs-reset')?.addEventListener('click', () => void view.show({ ...HS_DEFAULT }));
  },
  controls: (form, s, _ctx, data, result) => controls(form, s, data, result.extra),
  drawn(result) {
    if (!result.extra) return;
    document.querySelector('#method-card ul')?.replaceChildren(...result.extra.card.map((l) => el('li', l)));
    // The analysis's time, for the benchmark only (the page never shows it).
    document.getElementById('hotspots-status')?.setAttribute('data-ms', String(Math.round(result.extra.ms)));
  },
};
export default hotspots;
