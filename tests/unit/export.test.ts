/** Downloads that stand alone: the SVG frame, the theme's colours, the CSV header and its CSVW metadata. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { exportSvg, sourceLine, sourceLines, wrapText } from '../../src/figures/export.ts';
import { samePageFragment } from '../../src/figures/embed.ts';
import { THEMES, resolveColours } from '../../src/charts/theme.ts';
import { figureCsv, figureCsvMetadata } from '../../src/figures/csv.ts';
import { rankedBarsChart } from '../../src/charts/rankedBars.ts';
import type { Figure, FigureSource } from '../../src/figures/types.ts';
import { checkSvgXml } from '../support/xml.ts';
import { parse } from 'csv-parse/sync';

const source: FigureSource = {
  name: 'MPS recorded crime',
  publisher: 'Metropolitan Police Service',
  attribution: 'Contains public sector information licensed under the Open Government Licence v3.0.',
  licence: 'Open Government Licence v3.0',
  url: 'https://data.london.gov.uk/',
  dataDate: 'data to February 2026',
};
const chart = () => {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return rankedBarsChart(
    [
      { label: 'Westminster & <Soho>', value: 395.2, text: '395.2', title: 'Westminster' },
      { label: 'Camden', value: 190.9, text: '190.9', title: 'Camden' },
    ],
    { width: 560, document, xLabel: 'Crimes per 1,000 residents →', ariaLabel: 'Rates' },
  ).outerHTML;
};

describe('the theme in files that leave the site', () => {
  it('has the same colours as the stylesheet, light and dark', () => {
    const css = readFileSync('src/styles/tokens.css', 'utf8');
    const block = (sel: string) => {
      const i = css.indexOf(sel);
      return css.slice(i, css.indexOf('}', i));
    };
    for (const [theme, sel] of [
      ['light', ':root {'],
      ['dark', ":root[data-theme='dark'] {"],
    ] as const) {
      const b = block(sel);
      for (const [k, v] of Object.entries(THEMES[theme])) expect(b, `${theme} ${k}`).toContain(`${k}: ${v};`);
    }
  });
  it('writes colours in place of CSS variables, leaving other text alone', () => {
    expect(resolveColours('<rect fill="var(--lca-rise)" stroke="var(--lca-fg, #000)"/><text>var(x)</text>')).toBe(
      '<rect fill="#b2182b" stroke="#1b1f24"/><text>var(x)</text>',
    );
    expect(resolveColours('fill="var(--lca-rise)"', 'dark')).toBe('fill="#f4a3a8"');
  });
});

describe('the standalone SVG', () => {
  const info = {
    title:
      'Westminster had the highest rate of recorded crime per resident, by a long way, in the 12 months to February 2026',
    subtitle: 'Crimes per 1,000 residents',
    source: [source],
    url: 'https://example.org/lca/#mps-borough-rates',
  };
  const out = exportSvg(chart(), info);

  it('is well-formed XML in the SVG namespace, with no CSS variables left and a generic font', () => {
    const size = checkSvgXml(out.svg, 'export');
    expect(size.width).toBe(560);
    expect(size.height).toBe(out.height);
    expect(out.svg).not.toContain('var(--');
    expect(out.svg).toMatch(/font-family="[^"]*sans-serif"/);
  });
  it('carries the title, subtitle, source, licence, data date and address', () => {
    const text = out.svg.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const w of info.title.split(' ')) expect(text).toContain(w);
    expect(text).toContain('Crimes per 1,000 residents');
    expect(text).toContain('Open Government Licence v3.0');
    expect(text).toContain('data to February 2026');
    expect(text).toContain('https://example.org/lca/#mps-borough-rates');
    expect(text).toContain('Westminster &amp; &lt;Soho&gt;');
  });
  it('is taller than the chart by the header and footer, with the chart nested once', () => {
    const chartHeight = Number(/height="(\d+)"/.exec(chart())![1]);
    expect(out.height).toBeGreaterThan(chartHeight + 60);
    expect(out.svg.match(/<svg\b/g)!.length).toBe(2);
  });
  it('escapes what an HTML serialiser leaves bare in attributes', () => {
    const svg = '<svg width="10" height="10" aria-label="Blackwall & Cubitt Town <east>"><text>A &amp; B</text></svg>';
    const out = exportSvg(svg, { ...info, title: 'T & U' }).svg;
    checkSvgXml(out, 'bare');
    expect(out).toContain('aria-label="Blackwall &amp; Cubitt Town &lt;east>"');
    expect(out).toContain('<text>A &amp; B</text>');
  });
  it('finds the chart size when its label, written first, holds a ">"', () => {
    const svg =
      '<svg aria-label="Rises > 10% & falls" class="a>b" viewBox="0 0 300 200" width="300" height="200"><rect/></svg>';
    const out = exportSvg(svg, info);
    checkSvgXml(out.svg, 'gt');
    expect(out.width).toBe(300);
    expect(out.svg).toContain('<svg xmlns="http://www.w3.org/2000/svg" x="0"');
  });
  it('wraps text to the width and names the licence once', () => {
    for (const l of wrapText(info.title, 300, 18, true))
      expect(l.length).toBeLessThanOrEqual(Math.floor(300 / (18 * 0.6)));
    expect(sourceLine(source).match(/Open Government Licence v3\.0/g)).toHaveLength(1);
    expect(sourceLine({ ...source, attribution: '© OpenStreetMap contributors', licence: 'ODbL 1.0' })).toContain(
      'Licence: ODbL 1.0.',
    );
    // Files from one publisher, of one date and attribution: one line, the attribution once.
    const lines = sourceLines([
      source,
      { ...source, name: 'MPS ward files' },
      { ...source, publisher: 'ONS', name: 'Census' },
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Source: MPS recorded crime; MPS ward files, Metropolitan Police Service/);
  });
});

describe('the CSV and its CSVW metadata', () => {
  const f = {
    id: 'x',
    fileName: 'x-burglary-by-ward-2025-03-to-2026-02',
    page: 'atlas/',
    title: 'T',
    subtitle: 'S',
    description: 'D',
    chart: { kind: 'monthlyTrend', data: [] },
    table: {
      caption: 'C',
      columns: [
        { key: 'area', label: 'Ward' },
        { key: 'rate', label: 'Burglaries per 1,000 residents', numeric: true },
      ],
      rows: [
        { area: '=cmd', rate: -1.5 },
        { area: 'Soho', rate: null },
      ],
    },
    source: [source],
    notes: ['A note'],
  } satisfies Figure;
  it('has the columns in words in its header and numbers as numbers', () => {
    const rows = parse<Record<string, string>>(figureCsv(f), { columns: true });
    expect(Object.keys(rows[0]!)).toEqual(['Ward', 'Burglaries per 1,000 residents']);
    expect(rows[0]).toEqual({ Ward: "'=cmd", 'Burglaries per 1,000 residents': '-1.5' });
  });
  it('describes the file: its name, title, sources, licence, address and typed columns', () => {
    const m = JSON.parse(figureCsvMetadata(f, 'https://example.org/atlas/?level=ward#atlas-map')) as Record<
      string,
      unknown
    > & { tableSchema: { columns: { name: string; titles: string; datatype: string }[] } };
    expect(m['@context']).toContain('http://www.w3.org/ns/csvw');
    expect(m.url).toBe('x-burglary-by-ward-2025-03-to-2026-02.csv');
    expect(m['dc:license']).toBe('Open Government Licence v3.0');
    expect(m['schema:url']).toBe('https://example.org/atlas/?level=ward#atlas-map');
    expect(m.tableSchema.columns).toEqual([
      { name: 'area', titles: 'Ward', datatype: 'string', required: false },
      { name: 'rate', titles: 'Burglaries per 1,000 residents', datatype: 'number', required: false },
    ]);
  });
});

describe('a source on the figure’s own page', () => {
  const page = 'https://example.org/lca/violence/istv/#istv-hospital';
  const own = 'https://example.org/lca/violence/istv/#istv-file';
  it('links within the page when the page shown is that page, wherever it is served', () => {
    expect(samePageFragment(own, page, '/lca/violence/istv/')).toBe('#istv-file');
    expect(samePageFragment(own, page, '/lca/violence/istv/index.html')).toBe('#istv-file');
  });
  it('keeps the full address elsewhere: an embed, another page, another host, no fragment, no address', () => {
    expect(samePageFragment(own, page, '/lca/embed/istv-hospital/')).toBeNull();
    expect(samePageFragment('https://example.org/lca/violence/#istv-file', page, '/lca/violence/istv/')).toBeNull();
    expect(
      samePageFragment('https://elsewhere.example/lca/violence/istv/#istv-file', page, '/lca/violence/istv/'),
    ).toBeNull();
    expect(samePageFragment('https://example.org/lca/violence/istv/', page, '/lca/violence/istv/')).toBeNull();
    expect(samePageFragment('https://example.org/lca/violence/istv/#', page, '/lca/violence/istv/')).toBeNull();
    expect(samePageFragment('#istv-file', page, '/lca/violence/istv/')).toBeNull();
    expect(samePageFragment(own, undefined, '/lca/violence/istv/')).toBeNull();
  });
});
