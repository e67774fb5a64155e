import { homeFigures } from './home.ts';
import { nationalFigures } from './national.ts';
import { atlasFigure } from './atlas.ts';
import { allProfileFigures } from './profile.ts';
import type { Figure } from './types.ts';

let all: Figure[] | undefined;

/** Every published figure. A new page's figures are added here. */
export function allFigures(): Figure[] {
  if (!all) {
    all = [...homeFigures(), ...nationalFigures(), atlasFigure(), ...allProfileFigures()];
    const ids = new Set<string>();
    for (const f of all) {
      if (ids.has(f.id)) throw new Error(`duplicate figure id ${f.id}`);
      ids.add(f.id);
    }
  }
  return all;
}

export function figureById(id: string): Figure {
  const f = allFigures().find((x) => x.id === id);
  if (!f) throw new Error(`no figure ${id}`);
  return f;
}

/** CSV of exactly the plotted data (the figure's table, raw values). */
export function figureCsv(f: Figure): string {
  const cols = f.table.columns;
  const esc = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.map((c) => esc(c.key)).join(','), ...f.table.rows.map((r) => cols.map((c) => esc(r[c.key])).join(','))].join('\n') + '\n';
}
