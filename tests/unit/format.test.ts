import { describe, expect, it } from 'vitest';
import {
  addMonths,
  formatInt,
  formatPct,
  formatRate,
  inlineGroup,
  monthDate,
  monthLong,
  periodLong,
  sentenceCase,
} from '../../src/lib/format.ts';
import { rolling12Mean, window12 } from '../../src/lib/crime.ts';

describe('formatting for en-GB prose', () => {
  it('formats counts, rates and signed percentages', () => {
    expect(formatInt(906960)).toBe('906,960');
    expect(formatRate(395.2374)).toBe('395.2');
    expect(formatPct(-2.673)).toBe('−2.7%');
    expect(formatPct(24.06)).toBe('+24.1%');
    expect(formatPct(0.01)).toBe('0.0%');
  });
  it('names months without touching local time', () => {
    expect(monthLong('2026-02')).toBe('February 2026');
    expect(periodLong('2025-03', '2026-02')).toBe('March 2025 to February 2026');
    // In America/Los_Angeles a local-time parse of 2024-03 would land in February.
    expect(monthDate('2024-03').toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(addMonths('2026-02', -11)).toBe('2025-03');
    expect(addMonths('2024-12', 1)).toBe('2025-01');
    expect(window12('2026-02')).toEqual(['2025-03', '2026-02']);
  });
  it('writes offence groups in sentence case, keeping NFIB', () => {
    expect(sentenceCase('VIOLENCE AGAINST THE PERSON')).toBe('Violence against the person');
    expect(sentenceCase('NFIB FRAUD')).toBe('NFIB fraud');
    expect(inlineGroup('THEFT')).toBe('theft');
    expect(inlineGroup('NFIB FRAUD')).toBe('NFIB fraud');
  });
  it('averages the trailing 12 months', () => {
    const r = rolling12Mean(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(r.slice(0, 11).every((v) => v === null)).toBe(true);
    expect(r[11]).toBe(6.5);
    expect(r[12]).toBe(7.5);
  });
});
