/** A strict, namespace-aware XML check for downloaded SVGs: the file parses, its root is <svg> in the SVG namespace. */
import { SaxesParser } from 'saxes';

export function checkSvgXml(text: string, where: string): { width: number; height: number } {
  const p = new SaxesParser({ xmlns: true });
  let root: { local: string; uri: string; attributes: Record<string, { value: string }> } | null = null;
  p.on('opentag', (t) => {
    root ??= { local: t.local ?? '', uri: t.uri ?? '', attributes: t.attributes };
  });
  p.on('error', (e) => {
    throw new Error(`${where}: not well-formed XML: ${e.message}`);
  });
  p.write(text).close();
  if (!root) throw new Error(`${where}: no root element`);
  const r = root as { local: string; uri: string; attributes: Record<string, { value: string }> };
  if (r.local !== 'svg' || r.uri !== 'http://www.w3.org/2000/svg')
    throw new Error(`${where}: root is {${r.uri}}${r.local}, not an SVG element in the SVG namespace`);
  return { width: Number(r.attributes.width?.value), height: Number(r.attributes.height?.value) };
}
