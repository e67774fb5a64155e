/**
 * The pieces that keep chart text apart (src/charts/common.ts): row labels that fit their
 * margin and stay distinct, an x axis title that wraps where the plot is too narrow for it,
 * and tick counts that shrink with the plot. The rendered result is checked in Chromium
 * (tests/e2e/labels.ts, run by tests/e2e/sweep.spec.ts on every page at 320, 640 and 1,280 px).
 */
import { describe, expect, it } from 'vitest';
import { fitLabel, fontPx, rowLabels, xTicks, xTitle } from '../../src/charts/common.ts';

const NATIONAL = [
  'Total recorded crime (excl. fraud)',
  '· Violence with injury',
  '· Violence without injury',
  '· Death or serious injury - unlawful driving',
  'Miscellaneous crimes against society',
];

describe('row labels', () => {
  for (const width of [300, 360, 544, 720]) {
    it(`fit within their margin and stay distinct at ${width} px`, () => {
      const { marginLeft, labels } = rowLabels(NATIONAL, width, 0.4);
      expect(marginLeft).toBeLessThanOrEqual(Math.floor(width * 0.4));
      for (const l of labels) expect(l.length * fontPx(width) * 0.62 + 14).toBeLessThanOrEqual(marginLeft + 0.5);
      expect(new Set(labels).size).toBe(NATIONAL.length);
    });
  }
  it('keep whole labels that fit, and shorten known long names inside a label before cutting it', () => {
    expect(rowLabels(['Robbery', 'Burglary'], 720).labels).toEqual(['Robbery', 'Burglary']);
    expect(fitLabel('Weapons: Barking and Dagenham', true)).toBe('Weapons: Barking & Dag…');
    expect(fitLabel('Violence against the person', true)).toBe('Violence against person');
  });
  it('show what tells apart labels that cutting made the same, within the same room', () => {
    const { labels } = rowLabels(['· Violence with injury', '· Violence without injury'], 300, 0.4);
    expect(labels).toEqual(['…with injury', '…without inj…']);
    const boroughs = rowLabels(
      ['Violence against the person: Lewisham', 'Violence against the person: Lambeth', 'Robbery'],
      360,
    ).labels;
    expect(boroughs).toEqual(['Violence ag…Lewisham', 'Violence aga…Lambeth', 'Robbery']);
  });
});

describe('the x axis title', () => {
  it("is Plot's own, centred, where it fits over the plot", () => {
    const t = xTitle('Crimes →', { width: 720, marginLeft: 200, marginRight: 20 });
    expect(t.axis).toEqual({ label: 'Crimes →', labelAnchor: 'center' });
    expect(t.marks).toEqual([]);
  });
  it('is broken into lines that fit the chart where it does not', () => {
    const label = 'Share of violence against the person (%) →';
    const t = xTitle(label, { width: 300, marginLeft: 160, marginRight: 16 });
    expect(t.axis).toEqual({ label: null });
    expect(t.marks).toHaveLength(1);
    expect(t.marginBottom).toBeGreaterThan(46);
  });
});

describe('x ticks', () => {
  it('are fewer on a narrower plot and for longer labels, and never fewer than two (one for an axis from 0)', () => {
    expect(xTicks(600, 3)).toBeGreaterThan(xTicks(300, 3));
    expect(xTicks(600, 7)).toBeLessThan(xTicks(600, 3));
    // A 90 px plot of labels like "10,000": d3 gives 0 and 10,000 for one, 0, 5,000 and 10,000 (45 px apart) for two.
    expect(xTicks(90, 6, 1)).toBe(1);
    expect(xTicks(90, 6)).toBe(2);
    expect(xTicks(40, 9)).toBe(2);
  });
});
