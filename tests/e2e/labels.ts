/**
 * The label-overlap check: in a rendered chart, the boxes of its text (each line of it) as the
 * browser lays them out, and every pair that overlaps by more than a pixel each way, or a label
 * that runs outside its chart. Runs in the page (passed to page.evaluate), so it is self-contained.
 */
export interface Clash {
  figure: string;
  kind: string;
  width: number;
  a: string;
  b: string;
  /** the overlap, in CSS pixels, across and down */
  dx: number;
  dy: number;
}

export function findClashes(slack: number): Clash[] {
  const out: Clash[] = [];
  type Box = { text: string; of: Element; l: number; r: number; t: number; b: number };
  for (const fig of Array.from(document.querySelectorAll<HTMLElement>('[data-figure]'))) {
    for (const svg of Array.from(fig.querySelectorAll<SVGSVGElement>('.fig-chart svg'))) {
      if (!svg.checkVisibility() || svg.closest('[hidden]')) continue;
      const frame = svg.getBoundingClientRect();
      if (frame.width === 0) continue;
      const boxes: Box[] = [];
      for (const t of Array.from(svg.querySelectorAll('text'))) {
        if (!t.checkVisibility() || getComputedStyle(t).opacity === '0') continue;
        const spans = Array.from(t.querySelectorAll('tspan'));
        for (const el of spans.length ? spans : [t]) {
          const text = (el.textContent ?? '').trim();
          if (!text) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          boxes.push({ text, of: t, l: r.left, r: r.right, t: r.top, b: r.bottom });
        }
      }
      const base = { figure: fig.dataset.figure ?? '', kind: fig.dataset.chart ?? '', width: Math.round(frame.width) };
      for (const x of boxes) {
        const dx = Math.max(frame.left - x.l, x.r - frame.right);
        const dy = Math.max(frame.top - x.t, x.b - frame.bottom);
        if (dx > slack || dy > slack) out.push({ ...base, a: x.text, b: '(edge of the chart)', dx, dy });
      }
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const p = boxes[i]!;
          const q = boxes[j]!;
          // The lines of one label are spaced by its own line height.
          if (p.of === q.of) continue;
          const dx = Math.min(p.r, q.r) - Math.max(p.l, q.l);
          const dy = Math.min(p.b, q.b) - Math.max(p.t, q.t);
          if (dx > slack && dy > slack) out.push({ ...base, a: p.text, b: q.text, dx, dy });
        }
    }
  }
  return out;
}

/**
 * Chart text drawn smaller than `min` CSS pixels: its font size times the scale its SVG is shown at
 * (a drawing scales with its column). Runs in the page, so it is self-contained.
 */
export function smallText(min: number): { figure: string; text: string; px: number }[] {
  const out: { figure: string; text: string; px: number }[] = [];
  for (const fig of Array.from(document.querySelectorAll<HTMLElement>('[data-figure]'))) {
    for (const svg of Array.from(fig.querySelectorAll<SVGSVGElement>('.fig-chart svg'))) {
      if (!svg.checkVisibility() || svg.closest('[hidden]') || !svg.viewBox.baseVal?.width) continue;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      for (const t of Array.from(svg.querySelectorAll('text'))) {
        const text = (t.textContent ?? '').trim();
        if (!text || !t.checkVisibility() || getComputedStyle(t).opacity === '0') continue;
        const px = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (px < min - 0.05) out.push({ figure: fig.dataset.figure ?? '', text: text.slice(0, 40), px });
      }
    }
  }
  return out;
}
