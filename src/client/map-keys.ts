/**
 * Maps a keyboard can use. A map of areas is one tab stop (a roving tabindex: the
 * selected area, or the first, holds it); the arrow keys move to the nearest area in
 * that direction, measured between the areas' centres within a 90° cone (so Right
 * from Camden goes to Islington, not to an area far down the list); Home and End go
 * to the first and last area in the table's order; Enter or Space selects the area:
 * the page may handle the "lca-select" event (the atlas shows that area), otherwise
 * a borough or ward opens its area profile. The figure's table is the full keyboard
 * path, and a "Skip the map" link passes the map.
 */
const AREAS = 'g.lca-areas > path[data-code]';

function centre(p: SVGGraphicsElement): [number, number] {
  const b = p.getBBox();
  return [b.x + b.width / 2, b.y + b.height / 2];
}

/** The nearest area from `from` in a direction (dx, dy), or null at the map's edge. */
export function nearestInDirection(
  from: [number, number],
  others: [number, number][],
  dir: [number, number],
): number | null {
  let best = -1;
  let bestScore = Infinity;
  others.forEach(([x, y], i) => {
    const vx = x - from[0];
    const vy = y - from[1];
    const along = vx * dir[0] + vy * dir[1];
    const across = Math.abs(vx * dir[1] - vy * dir[0]);
    if (along <= 0 || across > along) return; // outside the 90° cone
    const score = along + 2 * across; // prefer areas straight ahead
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best < 0 ? null : best;
}

const DIRS: Record<string, [number, number]> = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

function moveTo(from: SVGPathElement, to: SVGPathElement): void {
  from.setAttribute('tabindex', '-1');
  to.setAttribute('tabindex', '0');
  to.focus();
}

export function wireMapKeys(chart: HTMLElement, base: string): void {
  chart.addEventListener('keydown', (e) => {
    const here = (e.target as Element).closest<SVGPathElement>(AREAS);
    if (!here) return;
    const svg = here.ownerSVGElement!;
    const all = Array.from(svg.querySelectorAll<SVGPathElement>(AREAS));
    let next: SVGPathElement | null;
    if (DIRS[e.key]) {
      const others = all.filter((p) => p !== here);
      const i = nearestInDirection(centre(here), others.map(centre), DIRS[e.key]!);
      next = i === null ? null : others[i]!;
    } else if (e.key === 'Home') next = all[0]!;
    else if (e.key === 'End') next = all.at(-1)!;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const code = here.getAttribute('data-code')!;
      const section = chart.closest<HTMLElement>('[data-figure]');
      const ev = new CustomEvent('lca-select', { detail: code, bubbles: true, cancelable: true });
      if (section && section.dispatchEvent(ev) && /^E0[59]\d{6}$/.test(code)) location.href = `${base}area/${code}/`;
      return;
    } else return;
    e.preventDefault();
    if (next) moveTo(here, next);
  });
}
