/** Makes SVG snapshots stable: numbers rounded to 1 decimal, Plot's generated class names renumbered. */
export function normalizeSvg(svg: string): string {
  const ids = new Map<string, string>();
  return svg
    .replace(/plot-[0-9a-f]{6,}/g, (m) => {
      if (!ids.has(m)) ids.set(m, `plot-${ids.size + 1}`);
      return ids.get(m)!;
    })
    .replace(/-?\d+\.\d+/g, (m) => String(Math.round(Number(m) * 10) / 10))
    .replace(/></g, '>\n<');
}
