/**
 * Progressive enhancement of every figure on the page: tooltips on hover and
 * keyboard focus, PNG download, copying embed code, and re-rendering the chart
 * at the container's width when it differs a lot from the width it was built at.
 * The chart code is loaded only when a re-render is needed.
 */
import type { ChartSpec } from '../charts/index.ts';
import { linkText } from './downloads.ts';
import { wireMapKeys } from './map-keys.ts';
import { shownCharts } from './shown.ts';

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

/** The build-time variant on show (the narrow or the wide SVG). */
function visibleVariant(chart: HTMLElement): HTMLElement | null {
  for (const v of Array.from(chart.querySelectorAll<HTMLElement>('.fig-variant'))) {
    if (v.offsetParent !== null || getComputedStyle(v).display !== 'none') return v;
  }
  return null;
}

/**
 * Re-renders the visible chart at the container's width when that width is far
 * from the width it was drawn at: narrower than 0.8 of it (12 px text would shrink below
 * 9.6 px), or wider than 1.6 times (text over 19 px; a figure drawn for a 544 px half column
 * and shown in an 832 px embed, 1.53 times, is not drawn again).
 */
function wireResize(fig: HTMLElement): void {
  if (fig.dataset.rerender !== 'true') return;
  const chart = fig.querySelector<HTMLElement>('.fig-chart')!;
  let timer: number | undefined;
  // The latest redraw asked for: an earlier one that ends later does not say the figure is drawn.
  let asked = 0;
  const check = () => {
    const w = Math.round(chart.clientWidth);
    const variant = visibleVariant(chart);
    if (!w || !variant) return;
    const drawn = Number(variant.dataset.rendered ?? variant.dataset.w);
    const ratio = w / drawn;
    if (ratio >= 0.8 && ratio <= 1.6) return;
    // Said on the figure until the new drawing is in, so a reader's tools (and the tests) can wait for it.
    fig.dataset.drawing = 'pending';
    window.clearTimeout(timer);
    const mine = ++asked;
    timer = window.setTimeout(() => void redraw(w, variant, mine), 150);
  };
  const redraw = async (w: number, variant: HTMLElement, mine: number) => {
    try {
      // The view on show: one drawn in the browser, else the build's (its spec published beside it).
      const build = () =>
        fetch(fig.dataset.spec!).then((r) =>
          r.ok ? (r.json() as Promise<ChartSpec>) : Promise.reject(new Error(String(r.status))),
        );
      const [{ renderChart }, spec] = await Promise.all([
        import('../charts/index.ts'),
        shownCharts.get(fig) ?? build(),
      ]);
      const width = Math.max(300, w);
      const old = variant.querySelector('svg');
      const svg = renderChart(spec, { width, document, ariaLabel: old?.getAttribute('aria-label') ?? undefined });
      prepareTitles(svg);
      old?.replaceWith(svg);
      variant.dataset.rendered = String(width);
      fig.dataset.renderedWidth = String(width);
    } catch {
      // Keep the build-time SVG: it scales, it is only less crisp.
    } finally {
      if (mine === asked) delete fig.dataset.drawing;
    }
  };
  new ResizeObserver(check).observe(chart);
}

export function enhanceFigures(): void {
  for (const fig of Array.from(document.querySelectorAll<HTMLElement>('[data-figure]'))) {
    if (fig.dataset.enhanced) continue;
    fig.dataset.enhanced = 'true';
    const chart = fig.querySelector<HTMLElement>('.fig-chart');
    if (!chart || !chart.querySelector('svg')) continue;
    for (const svg of Array.from(chart.querySelectorAll<SVGSVGElement>('svg'))) prepareTitles(svg);
    wireTooltips(chart);
    wireMapKeys(chart, import.meta.env.BASE_URL);
    wireActions(fig);
    wireResize(fig);
  }
}
