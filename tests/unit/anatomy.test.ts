/**
 * The one figure anatomy (src/figures/anatomy.ts): a section the build wrote, brought to
 * another view in place by the browser's `patch`, is the section the build would write for
 * that view (its chart's drawings aside, which are the chart code's): titles, tables,
 * sources, notes, downloads and embed code cannot drift. A view that gains notes shows
 * them; the embed code, its preview and the downloads follow the view.
 */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { figureSection, patch, sectionOptions, toHtml, type SectionOptions } from '../../src/figures/anatomy.ts';
import { figureUrls } from '../../src/figures/anatomy.ts';
import type { Figure } from '../../src/figures/types.ts';
import { atlasMapFigure } from '../../src/figures/atlas/figures.ts';
import { atlasIndicatorData, loadAtlasLevel, loadCatalogue } from '../../src/data/atlas.ts';
import { atlasSources, levelOutlines } from '../../src/figures/atlas/build.ts';
import { DEFAULT_STATE } from '../../src/figures/atlas/state.ts';

const SITE = 'http://127.0.0.1:4321/';
const BASE = '/london-crime-analysis/';
const options = (f: Figure, embed = false): SectionOptions => ({
  urls: figureUrls(f, SITE, BASE),
  level: embed ? 1 : 2,
  embed,
  widths: [360, 720],
  drawings: ['<svg width="360" height="200"></svg>', '<svg width="720" height="300"></svg>'],
  embedHeight: 500,
});

/** A section as the page has it: the build's HTML, parsed. */
function built(f: Figure, embed = false, query = ''): HTMLElement {
  const { document } = parseHTML(
    `<!doctype html><html><body>${toHtml(figureSection(f, options(f, embed), { query, path: `${BASE}x/` }))}</body></html>`,
  );
  return document.body.firstElementChild as HTMLElement;
}

const decode = (t: string) =>
  t
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/**
 * The tree as a canonical text: tags, attributes sorted, text; a chart slot's drawing left out, and
 * the address of the build's published drawing (a view drawn in the browser has none).
 */
function canonical(e: Element): string {
  const slot = e.classList.contains('fig-variant');
  const attrs = Array.from(e.attributes)
    .filter((a) => !(slot && a.name === 'data-src'))
    .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
    .sort();
  if (slot) return `<${e.localName} ${attrs.join(' ')}>`;
  // linkedom leaves a textarea's character references as written; a browser reads them, as the patch's text is.
  if (e.localName === 'textarea')
    return `<textarea ${attrs.join(' ')}>${JSON.stringify(decode(e.textContent))}</textarea>`;
  // Text next to text is one text (linkedom parses a character reference into a text node of its own; a browser does not).
  let kids = '';
  let run: string | null = null;
  for (const n of Array.from(e.childNodes)) {
    if (n.nodeType === 3) run = (run ?? '') + (n.nodeValue ?? '');
    else if (n.nodeType === 1) {
      if (run !== null) kids += JSON.stringify(run);
      run = null;
      kids += canonical(n as Element);
    }
  }
  if (run !== null) kids += JSON.stringify(run);
  return `<${e.localName} ${attrs.join(' ')}>${kids}</${e.localName}>`;
}

/** Brings a built section of one view to another, as the browser does. */
function patched(from: Figure, to: Figure, embed = false, query = ''): HTMLElement {
  const section = built(from, embed);
  patch(section, figureSection(to, sectionOptions(section), { query, path: `${BASE}x/` }));
  return section;
}

const atlasView = (level: 'borough' | 'ward', area: string | null, classes = 5): Figure => {
  const state = { ...DEFAULT_STATE, level, area, classes };
  const meta = loadCatalogue().find((c) => c.id === state.indicator)!;
  return atlasMapFigure({
    state,
    meta,
    areas: loadAtlasLevel(level).areas,
    data: atlasIndicatorData(level, state.indicator),
    outlines: levelOutlines(level),
    sources: atlasSources(),
  });
};

/** A small figure of its own: one column of text, one of numbers, and notes as given. */
const small = (id: string, notes: string[], rows: number, title = `Figure ${id}: a test of the anatomy`): Figure => ({
  id,
  page: 'x/',
  title,
  subtitle: 'A subtitle long enough to be one',
  description: 'A description long enough to stand for one made from the data.',
  chart: { kind: 'rankedBars', data: [], valueLabel: 'v' } as unknown as Figure['chart'],
  table: {
    caption: 'Rows',
    columns: [
      { key: 'name', label: 'Name' },
      { key: 'v', label: 'Value', numeric: true },
    ],
    rows: Array.from({ length: rows }, (_, i) => ({ name: `Row ${i}`, v: i })),
  },
  source: [
    {
      name: 'Data',
      publisher: 'Publisher',
      attribution: 'Licence: OGL.',
      licence: 'OGL',
      url: 'https://example.org/',
      dataDate: 'data to May 2025',
    },
  ],
  notes,
});

describe('the figure anatomy: one tree for the build and the browser', () => {
  it('brings a built atlas map to another view exactly as the build writes that view (selected area, other geography, other classes)', () => {
    const boroughs = atlasView('borough', null);
    for (const to of [atlasView('borough', 'E09000033'), atlasView('ward', 'E05013570', 7), atlasView('ward', null)]) {
      expect(canonical(patched(boroughs, to))).toBe(canonical(built(to)));
    }
  });

  it('does so for figures of every layout: a table below the chart, an excerpted table beside it, and an embed page', () => {
    const beside = (keep: string | null, rows: number): Figure => ({
      ...small('b', ['A note.'], rows),
      tableBeside: true,
      tableExcerpt: { head: 5, tail: 5, key: 'name', keep, keepWord: 'the selected row' },
    });
    const pairs: [Figure, Figure, boolean][] = [
      [small('a', [], 3), small('a', ['A caveat.'], 40), false],
      [beside(null, 8), beside('Row 20', 60), false],
      [beside('Row 20', 60), beside(null, 8), false],
      [small('a', ['A caveat.'], 40), small('a', [], 3, 'Another view'), true],
    ];
    for (const [from, to, embed] of pairs)
      expect(canonical(patched(from, to, embed))).toBe(canonical(built(to, embed)));
  });

  it('shows the notes of a view that gains them, and hides the list of one that has none', () => {
    const section = patched(small('a', [], 2), small('a', ['The first caveat.', 'The second.'], 2));
    const notes = section.querySelector('.fig-notes')!;
    expect(notes.hasAttribute('hidden')).toBe(false);
    expect(Array.from(notes.querySelectorAll('li'), (l) => l.textContent)).toEqual([
      'The first caveat.',
      'The second.',
    ]);
    patch(section, figureSection(small('a', [], 2), sectionOptions(section), { query: '', path: `${BASE}x/` }));
    expect(section.querySelector('.fig-notes')!.hasAttribute('hidden')).toBe(true);
    expect(section.querySelectorAll('.fig-notes li')).toHaveLength(0);
  });

  it('points the embed code, its preview, the full-figure link and the downloads at the view', () => {
    const view = { ...small('a', [], 2, 'Burglary in Westminster'), fileName: 'a-burglary-westminster' };
    const page = patched(small('a', [], 2), view, false, 'data=westminster&types=burglary');
    expect(page.querySelector('.embed-code')!.textContent).toContain(
      `${BASE}embed/a/?data=westminster&amp;types=burglary`,
    );
    expect(page.querySelector('.embed-code')!.textContent).toContain(
      'title="Burglary in Westminster (chart from London Crime Analysis)"',
    );
    expect(page.querySelector('a[data-kind=preview]')!.getAttribute('href')).toBe(
      `${BASE}embed/a/?data=westminster&types=burglary`,
    );
    expect(page.querySelector('a[data-kind=csv]')!.getAttribute('download')).toBe('a-burglary-westminster.csv');
    const embed = patched(small('a', [], 2), view, true, 'data=westminster');
    expect(embed.querySelector('a[data-kind=open]')!.getAttribute('href')).toBe(
      `${SITE.slice(0, -1)}${BASE}x/?data=westminster#a`,
    );
  });

  it('rewrites a table of the same columns in place: the rows on the page are the same elements, with the new view in them', () => {
    const section = built(small('a', [], 5));
    const rows = Array.from(section.querySelectorAll('tbody tr'));
    patch(
      section,
      figureSection(small('a', [], 5, 'Another title for the same table'), sectionOptions(section), {
        query: '',
        path: '/',
      }),
    );
    expect(Array.from(section.querySelectorAll('tbody tr'))).toEqual(rows);
    expect(section.querySelector('.fig-title')!.textContent).toBe('Another title for the same table');
  });
});
