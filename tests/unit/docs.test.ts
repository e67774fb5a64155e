/**
 * The README cannot drift from the site: its list of what is published names every page of
 * the navigation and every sub-page the sitemap lists, its counts are the data's, and its
 * licences name the publisher and licence of every source the pipeline reads.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { NAV, SUBPAGES } from '../../src/lib/nav.ts';

const readme = readFileSync('README.md', 'utf8');
const section = (heading: string, next: string) => readme.slice(readme.indexOf(heading), readme.indexOf(next));
const published = section('Published now', '## Use it');
const licences = section('## Licences and attribution', 'The code is MIT-licensed.');
const rows = (file: string) => readFileSync(`data/derived/${file}`, 'utf8').trim().split('\n').length - 1;

describe('the README', () => {
  it('lists every page of the navigation and every sub-page the sitemap lists, by its address', () => {
    for (const p of [...NAV.map((n) => n.path), ...SUBPAGES]) expect(published, p).toContain(`(\`/${p}\`)`);
    expect(published).toContain('(`/area/<code>/`)');
  });

  it("gives the data's counts: indicators, and the boroughs and wards with a profile", () => {
    const catalogue = (JSON.parse(readFileSync('data/derived/indicators.json', 'utf8')) as { indicators: unknown[] })
      .indicators.length;
    expect(published).toContain(`${catalogue} catalogued indicators`);
    expect(published).toContain(
      `each of the ${rows('atlas_borough.csv')} boroughs and all ${rows('atlas_ward.csv')} wards`,
    );
  });

  it('names the publisher and the licence of every source of the manifest', () => {
    const manifest = JSON.parse(readFileSync('data/derived/manifest.json', 'utf8')) as {
      sources: { id: string; publisher: string; licence: string }[];
    };
    expect(manifest.sources.length).toBeGreaterThan(0);
    for (const s of manifest.sources) {
      // The organisation: the publisher's name before "via …", "(…)", a comma or "/".
      const names = [' via ', ' (', ', ', ' / '].map((sep) => s.publisher.split(sep)[0]!.trim());
      expect(
        names.some((n) => licences.includes(n)),
        `${s.id}: ${s.publisher}`,
      ).toBe(true);
      expect(licences, `${s.id}: ${s.licence}`).toContain(s.licence);
    }
  });
});
