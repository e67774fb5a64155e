/**
 * Progressive enhancement of every figure on the page: its chart fetched as the reader
 * comes to it, tooltips on hover and keyboard focus, PNG download and copying embed code.
 * No chart code is loaded: the build drew every chart.
 */
import { linkText } from './downloads.ts';
import { wireMapKeys } from './map-keys.ts';

let tooltip: HTMLDivElement | undefined;

function tip(): HTMLDivElement {
  if (!tooltip) {
    tooltip = document.createElement('div');
    tooltip.className = 'lca-tooltip';
    tooltip.setAttribute('role', 'tooltip');
    tooltip.hidden = true;
    document.body.appendChild(tooltip);
  }
  return tooltip;
}

/** Moves SVG <title> text into data-tip so the styled tooltip replaces the native one. */
export function prepareTitles(svg: SVGSVGElement): void {
  for (const t of Array.from(svg.querySelectorAll('title'))) {
    const owner = t.parentElement;
    if (!owner || owner === (svg as Element)) continue;
    owner.setAttribute('data-tip', t.textContent ?? '');
    t.remove();
  }
}

function showTip(text: string, x: number, y: number): void {
  const el = tip();
  el.textContent = text;
  el.hidden = false;
  const w = el.offsetWidth;
  const left = Math.min(Math.max(8, x + 12), document.documentElement.clientWidth - w - 8);
  el.style.left = `${left + scrollX}px`;
  el.style.top = `${y + scrollY + 14}px`;
}
const hideTip = () => {
  if (tooltip) tooltip.hidden = true;
};

function wireTooltips(chart: HTMLElement): void {
  chart.addEventListener('pointermove', (e) => {
    const target = (e.target as Element).closest('[data-tip]');
    if (target) showTip(target.getAttribute('data-tip')!, e.clientX, e.clientY);
    else hideTip();
  });
  chart.addEventListener('pointerleave', hideTip);
  chart.addEventListener('focusin', (e) => {
    const target = (e.target as Element).closest('[data-tip]');
    if (!target) return;
    const r = target.getBoundingClientRect();
    showTip(target.getAttribute('data-tip')!, r.left + r.width / 2, r.top + r.height / 2);
  });
  chart.addEventListener('focusout', hideTip);
  document.addEventListener('keydown', (e) => e.key === 'Escape' && hideTip());
}

/**
 * The PNG is drawn from the figure's SVG download, so it is the same complete graphic
 * (title, subtitle, chart, legend, sources and address): at twice its size, or at a
 * print width of at least `print` pixels.
 */
async function downloadPng(fig: HTMLElement, button: HTMLButtonElement): Promise<void> {
  const link = fig.querySelector<HTMLAnchorElement>('a[data-kind="svg"]');
  if (!link) return;
  const text = await linkText(link);
  const size = /<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(text);
  const w = Number(size?.[1] ?? 720);
  const h = Number(size?.[2] ?? 480);
  const scale = button.dataset.print
    ? Math.max(2, Number(button.dataset.print) / w)
    : Number(button.dataset.scale ?? 2);
  const img = new Image();
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((res, rej) => {
      img.onload = () => res();
      img.onerror = () => rej(new Error('could not load SVG'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, 'image/png'));
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = (link.getAttribute('download') ?? `${fig.dataset.figure}.svg`).replace(
      /\.svg$/,
      button.dataset.print ? `-${canvas.width}px.png` : '.png',
    );
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  } finally {
    URL.revokeObjectURL(url);
  }
}

function wireActions(fig: HTMLElement): void {
  // "Skip the map" on an embed leads to its closed details: open them on the way.
  fig.querySelector<HTMLAnchorElement>('a[data-open-details]')?.addEventListener('click', () => {
    const d = fig.querySelector<HTMLDetailsElement>('details.fig-more');
    if (d) d.open = true;
  });
  for (const b of Array.from(fig.querySelectorAll<HTMLButtonElement>('[data-action="png"]')))
    b.addEventListener('click', () => void downloadPng(fig, b));
  const copy = fig.querySelector<HTMLButtonElement>('[data-action="copy"]');
  if (!copy) return;
  copy.addEventListener('click', () => void copyCode(copy));
  const copyCode = async (copy: HTMLButtonElement) => {
    const ta = fig.querySelector<HTMLTextAreaElement>('.embed-code');
    if (!ta) return;
    try {
      await navigator.clipboard.writeText(ta.value);
      copy.textContent = 'Copied';
    } catch {
      ta.select();
      copy.textContent = 'Press Ctrl+C to copy';
    }
    setTimeout(() => (copy.textContent = 'Copy embed code'), 2500);
  };
}

/*
 * The build publishes each chart drawn for small, medium and large columns (figures/anatomy.ts,
 * drawnWidths) and the page holds a placeholder of each: CSS shows the slot whose band fits the
 * column, and its drawing is fetched when the figure comes within a screen of the viewport. A
 * reader loads only the charts they reach, each at the width their column shows, and no chart
 * code; a change of column that shows another slot fetches that one. Printing fetches them all.
 */
const placeholderOf = (slot: HTMLElement) => slot.querySelector(':scope > .fig-hold');
const shown = (slot: HTMLElement) => getComputedStyle(slot).display !== 'none';
const loading = new WeakMap<HTMLElement, number>();

async function fill(fig: HTMLElement, slot: HTMLElement): Promise<void> {
  const src = slot.dataset.src;
  if (!src || !placeholderOf(slot) || slot.dataset.loading) return;
  slot.dataset.loading = 'true';
  // Said on the figure until its drawings are in, so a reader's tools (and the tests) can wait for them.
  loading.set(fig, (loading.get(fig) ?? 0) + 1);
  fig.dataset.drawing = 'pending';
  try {
    const r = await fetch(src);
    if (!r.ok) throw new Error(`${r.status}`);
    const t = document.createElement('template');
    t.innerHTML = await r.text();
    const svg = t.content.querySelector('svg');
    const hold = placeholderOf(slot);
    // A view drawn in the browser meanwhile has taken the slot.
    if (!svg || !hold || slot.dataset.src !== src) return;
    prepareTitles(svg);
    hold.replaceWith(svg);
  } catch {
    const hold = placeholderOf(slot);
    if (hold) hold.textContent = 'The chart could not be loaded: its data are in the table below.';
  } finally {
    delete slot.dataset.loading;
    const left = (loading.get(fig) ?? 1) - 1;
    loading.set(fig, left);
    if (!left) delete fig.dataset.drawing;
  }
}

function wireDrawings(fig: HTMLElement, chart: HTMLElement): void {
  const slots = Array.from(chart.querySelectorAll<HTMLElement>('.fig-variant[data-src]'));
  if (!slots.length) return;
  let near = false;
  const fillShown = () => {
    for (const slot of slots) if (placeholderOf(slot) && shown(slot)) void fill(fig, slot);
  };
  new IntersectionObserver(
    (entries) => {
      near = entries.some((e) => e.isIntersecting) || near;
      if (near) fillShown();
    },
    { rootMargin: '100% 0px' },
  ).observe(chart);
  new ResizeObserver(() => near && fillShown()).observe(chart);
  addEventListener('beforeprint', () => {
    for (const slot of slots) void fill(fig, slot);
  });
}

export function enhanceFigures(): void {
  for (const fig of Array.from(document.querySelectorAll<HTMLElement>('[data-figure]'))) {
    if (fig.dataset.enhanced) continue;
    fig.dataset.enhanced = 'true';
    const chart = fig.querySelector<HTMLElement>('.fig-chart');
    if (!chart) continue;
    for (const svg of Array.from(chart.querySelectorAll<SVGSVGElement>('svg'))) prepareTitles(svg);
    wireTooltips(chart);
    wireMapKeys(chart, import.meta.env.BASE_URL);
    wireActions(fig);
    wireDrawings(fig, chart);
  }
}
