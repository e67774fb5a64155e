/**
 * The incident explorer in the browser: its view (src/figures/explorer/view.ts) run by the
 * one controller, and what is the page's own: the choices the loaded records offer (months,
 * areas, crime types and outcomes, each with its count), the quick choices, the table of the
 * first records and the download of exactly the filtered ones.
 */
import { recordRow, selectedRows, type Records } from '../../lib/explorer.ts';
import { EXPLORER_VIEW, type ExplorerState } from '../../figures/explorer/state.ts';
import type { ExplorerConfig, ExplorerData, ExplorerExtra } from '../../figures/explorer/view.ts';
import { toCsv } from '../../lib/csv.ts';
import { formatInt, monthLong } from '../../lib/format.ts';
import { el, h } from '../dom.ts';
import type { ClientView } from '../view-page.ts';

/** The choices of loaded records: months, areas (by borough when there are several), crime types and outcomes. */
function fillChoices(form: HTMLFormElement, r: Records): void {
  for (const name of ['from', 'to'])
    (form.elements.namedItem(name) as HTMLSelectElement).replaceChildren(
      ...r.months.map((m) => el('option', monthLong(m), { value: m })),
    );
  const label = form.querySelector<HTMLLabelElement>('label[for="explorer-area"]');
  if (label)
    label.textContent = r.boroughs.length > 1 ? `Borough or ${r.partKind}` : r.partKind === 'LSOA' ? 'LSOA' : 'Ward';
  const name = (i: number) => r.parts[i]!.name || r.parts[i]!.code;
  const parts = (b: number | null) =>
    [...r.parts.keys()]
      .filter((i) => b === null || r.parts[i]!.borough === b)
      .sort((a, c) => name(a).localeCompare(name(c), 'en-GB'))
      .map((i) => el('option', `${name(i)} (${r.parts[i]!.code})`, { value: r.parts[i]!.code }));
  const groups = r.boroughs.map((b, i) =>
    h('optgroup', { label: b.name }, el('option', `All of ${b.name}`, { value: b.code }), ...parts(i)),
  );
  (form.elements.namedItem('area') as HTMLSelectElement).replaceChildren(
    el('option', 'All', { value: '' }),
    ...(r.boroughs.length > 1 ? groups : parts(null)),
  );
  const boxes = (kind: string, list: string[]) =>
    list.map((v, i) =>
      h(
        'label',
        { class: 'check' },
        h('input', { type: 'checkbox', name: kind, value: v }),
        ` ${v} `,
        el('span', '', { class: 'count', [`data-${kind}-count`]: String(i) }),
      ),
    );
  document.getElementById('explorer-type-list')?.replaceChildren(...boxes('type', r.types));
  document.getElementById('explorer-outcome-list')?.replaceChildren(...boxes('outcome', r.outcomes));
}

let shownRecords: Records | null = null;
function controls(form: HTMLFormElement, extra: ExplorerExtra): void {
  if (shownRecords !== extra.records) fillChoices(form, extra.records);
  shownRecords = extra.records;
  const { byType, byOutcome } = extra.counts;
  for (const c of Array.from(form.querySelectorAll<HTMLElement>('[data-type-count]')))
    c.textContent = `(${formatInt(byType[Number(c.dataset.typeCount)] ?? 0)})`;
  for (const c of Array.from(form.querySelectorAll<HTMLElement>('[data-outcome-count]')))
    c.textContent = `(${formatInt(byOutcome[Number(c.dataset.outcomeCount)] ?? 0)})`;
}

const CSV_COLUMNS = [
  'month',
  'crime_type',
  'outcome',
  'location',
  'area_code',
  'area_name',
  'borough',
  'longitude',
  'latitude',
];

/** Exactly the filtered records as CSV, one row a record (made when the reader asks for it). */
export function recordsCsv(r: Records, rows: Uint32Array): string {
  const out = Array.from(rows, (i) => {
    const x = recordRow(r, i);
    return [x.month, x.type, x.outcome, x.street, x.partCode, x.partName, x.borough, x.lon, x.lat];
  });
  return toCsv(CSV_COLUMNS, out);
}

let exportView: (() => { text: string; name: string }) | null = null;

/** After a view is drawn: the first records, the summary, the download and the timings for the benchmark. */
function drawn(x: ExplorerExtra, s: ExplorerState): void {
  const r = x.records;
  const several = r.boroughs.length > 1;
  document.getElementById('explorer-rows')?.replaceChildren(
    ...Array.from(x.first, (i) => {
      const row = recordRow(r, i);
      const area = several ? `${row.partName || row.partCode}, ${row.borough}` : row.partName || row.partCode;
      return h('tr', {}, ...[row.month, row.type, row.outcome, row.street, area].map((v) => el('td', v)));
    }),
  );
  const total = x.counts.total;
  const col = document.getElementById('explorer-area-col');
  if (col) col.textContent = r.partKind === 'LSOA' ? 'LSOA' : several ? 'Ward, borough' : 'Ward';
  const summary = document.getElementById('explorer-records-summary');
  if (summary)
    summary.textContent = total
      ? `The first ${formatInt(x.first.length)} of the ${formatInt(total)} records that pass the filters, oldest month first. The download has all of them.`
      : 'No record passes the filters.';
  document
    .getElementById('explorer-summary')
    ?.replaceChildren(el('strong', formatInt(total)), ` record${total === 1 ? '' : 's'} match the filters.`);
  const link = document.getElementById('explorer-export');
  if (link) link.textContent = `Download exactly the ${formatInt(total)} filtered records (CSV)`;
  // Made on click only (not on focus): all boroughs' records are up to 1.8 million rows.
  exportView = () => ({ text: recordsCsv(r, selectedRows(r, x.masks)), name: `street-records-${s.data}.csv` });
  // The engine's time, the whole redraw's, and the time until the frame after it (its style, layout and paint
  // done: a timer set in the frame's animation callback runs once the frame is painted), for bench/explorer.ts.
  const st = document.getElementById('explorer-status');
  if (!st) return;
  delete st.dataset.paintMs;
  Object.assign(st.dataset, {
    filterMs: x.filterMs.toFixed(2),
    drawMs: (performance.now() - x.startedAt).toFixed(1),
    rows: String(r.n),
  });
  requestAnimationFrame(() => setTimeout(() => (st.dataset.paintMs = (performance.now() - x.startedAt).toFixed(1))));
}

const explorer: ClientView<ExplorerConfig, ExplorerState, ExplorerData, ExplorerExtra> = {
  name: EXPLORER_VIEW,
  spec: () => import('../../figures/explorer/view.ts').then((m) => m.view),
  // The map's cells on a canvas on the page (src/charts/pointMap.ts); its download has them as circles.
  charts: () =>
    import('../../charts/index.ts').then((m) => ({
      render: (spec, base) => m.renderChart(spec, { ...base, canvas: !base.inline }),
    })),
  start(view) {
    document.getElementById('explorer-export')?.addEventListener('click', (e) => {
      e.preventDefault();
      const made = exportView?.();
      if (!made) return;
      const a = el('a', undefined, {
        href: URL.createObjectURL(new Blob([made.text], { type: 'text/csv' })),
        download: made.name,
      });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    });
    // The quick choices: crimes only, every type, every outcome, and the whole reset.
    const form = view.form;
    form?.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-select], #explorer-reset');
      if (!b) return;
      void view.current().then((s) => {
        const next: ExplorerState = { ...s };
        if (b.id === 'explorer-reset')
          Object.assign(next, { from: null, to: null, types: null, outcomes: [], area: null, street: '' });
        else if (b.dataset.select === 'type:crimes') next.types = null;
        else if (b.dataset.select === 'type:all')
          next.types = Array.from(form.querySelectorAll<HTMLInputElement>('input[name=type]'), (x) => x.value);
        else if (b.dataset.select === 'outcome:none') next.outcomes = [];
        return view.show(next);
      });
    });
  },
  controls: (form, _s, _cfg, _d, result) => result.extra && controls(form, result.extra),
  drawn: (result, view) => result.extra && drawn(result.extra, view.state!),
};
export default explorer;
