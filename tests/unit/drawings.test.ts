import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { bandClasses, drawnWidths } from '../../src/figures/anatomy.ts';
import { allFigures } from '../../src/figures/index.ts';

/** The column bands as the stylesheet has them (the slot shown for a column width): [min, max) in px. */
function bandsInCss(): { band: string; min: number; max: number }[] {
  const css = readFileSync('src/styles/base.css', 'utf8');
  const out: { band: string; min: number; max: number }[] = [];
  for (const m of css.matchAll(/@container \(([^)]+)\) \{\s*\.lca-figure \.fig-variant\.band-(\w)/g)) {
    const q = m[1]!;
    const min = Number(/([\d.]+)px <= width|width >= ([\d.]+)px/.exec(q)?.slice(1).find(Boolean) ?? 0);
    const max = Number(/width < ([\d.]+)px/.exec(q)?.[1] ?? Infinity);
    out.push({ band: m[2]!, min, max });
  }
  return out;
}

describe('one drawing per column band', () => {
  it('draws 300 px, 480 px and the widest declared width', () => {
    expect(drawnWidths()).toEqual([300, 480, 720]);
    expect(drawnWidths([360, 560])).toEqual([300, 480, 560]);
    expect(drawnWidths([360])).toEqual([300, 360]);
    expect(drawnWidths([640])).toEqual([300, 480, 640]);
    expect(bandClasses([300, 360])).toEqual(['band-s', 'band-m band-l']);
    expect(bandClasses([300, 480, 720])).toEqual(['band-s', 'band-m', 'band-l']);
  });

  it('shows every figure in every column from 288 to 832 px with its 12–13 px text at 11 px or more, and never over 1.6 times its size', () => {
    const bands = bandsInCss();
    expect(bands.map((b) => b.band)).toEqual(['s', 'm', 'l']);
    // The bands meet: every width, fractional ones too, is in exactly one.
    expect(bands[0]!.min).toBe(0);
    expect(bands[1]!.min).toBe(bands[0]!.max);
    expect(bands[2]!.min).toBe(bands[1]!.max);
    expect(bands[2]!.max).toBe(Infinity);
    const seen = new Set<string>();
    for (const f of allFigures()) {
      const widths = drawnWidths(f.widths);
      const classes = bandClasses(widths);
      const key = widths.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      for (let col = 288; col <= 832; col++) {
        const band = bands.find((b) => col >= b.min && col < b.max)!.band;
        const i = classes.findIndex((c) => c.split(' ').includes(`band-${band}`));
        const w = widths[i]!;
        // The charts' base font (src/charts/common.ts): 13 px in drawings under 520 px, 12 px above.
        const px = ((w < 520 ? 13 : 12) * col) / w;
        expect(px, `${f.id} (${key}) in a ${col} px column`).toBeGreaterThanOrEqual(11);
        expect(col / w, `${f.id} (${key}) in a ${col} px column`).toBeLessThanOrEqual(1.6);
      }
    }
  });
});
