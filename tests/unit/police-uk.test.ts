/** The data.police.uk readers and the published-number parser, on real-format fixtures and broken copies. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCrimeTypes } from '../../scripts/lib/police-uk.ts';
import { apiFiles, archiveFiles, loadStreetRecords } from '../../scripts/lib/street-records.ts';
import { openDuck } from '../../scripts/lib/duck.ts';
import { publishedNumber } from '../../scripts/lib/atlas.ts';

const types = readCrimeTypes('data/reference/police_uk_crime_types.csv');
/** Loads files into a fresh database and returns table rec in file order. */
async function load(format: 'archive' | 'api', files: string[]) {
  const duck = await openDuck();
  try {
    const loaded = await loadStreetRecords(duck, format, files, types);
    const rows = await duck.rows<{
      file: string;
      id: string | null;
      month: string;
      lon: number | null;
      lat: number | null;
      location: string;
      lsoa: string | null;
      street: string | null;
      ward: string | null;
      type: string;
      is_crime: boolean;
    }>('select * from records order by seq');
    return { loaded, rows };
  } finally {
    duck.close();
  }
}

describe('data.police.uk street records', () => {
  it('the crime-type table maps every API slug in the Met API extract to an archive label', () => {
    for (const slug of [
      'anti-social-behaviour',
      'violent-crime',
      'other-theft',
      'vehicle-crime',
      'burglary',
      'criminal-damage-arson',
      'public-order',
      'shoplifting',
      'theft-from-the-person',
      'drugs',
      'robbery',
      'bicycle-theft',
      'other-crime',
      'possession-of-weapons',
    ]) {
      expect(types.bySlug.get(slug), slug).toBeTruthy();
    }
    expect(types.bySlug.get('violent-crime')).toBe('Violence and sexual offences');
    expect(types.crimeLabels.has('Anti-social behaviour')).toBe(false);
    expect(types.renamed.get('Violent crime')).toBe('Violence and sexual offences');
  });

  it('reads an archive month file row for row, in file order, keeping rows without coordinates', async () => {
    const { loaded, rows } = await load('archive', archiveFiles('tests/fixtures/police-uk/archive'));
    expect(loaded.map((l) => [l.month, l.rows])).toEqual([['2022-04', 8]]);
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r.id?.slice(0, 6) ?? null)).toEqual(
      readFileSync('tests/fixtures/police-uk/archive/2022-04-city-of-london-street.csv', 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]!.slice(0, 6) || null),
    );
    expect(rows.filter((r) => r.lon === null)).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      month: '2022-04',
      type: 'Theft from the person',
      lsoa: 'E01000001',
      location: 'On or near Little Britain',
      lon: -0.098642,
      lat: 51.517146,
      is_crime: true,
    });
    expect(rows.at(-1)!.lsoa).toBe('E01000914'); // Camden: recorded by the City Police outside the City
  });

  it('reads gzipped API records and maps slugs to labels', async () => {
    const { rows } = await load('api', apiFiles('tests/fixtures/police-uk/api'));
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({
      month: '2016-01',
      type: 'Anti-social behaviour',
      street: '942929',
      location: 'On or near Belleville Road',
      is_crime: false,
    });
    expect(rows.find((r) => r.street === '960295')!.type).toBe('Robbery');
  });

  it('keeps a quoted comma inside a location (the engine is told the quote character, never guesses)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lca-police-'));
    const good = readFileSync('tests/fixtures/police-uk/archive/2022-04-city-of-london-street.csv', 'utf8').split('\n');
    good[1] = good[1]!.replace('On or near Little Britain', '"On or near High Road, Ickenham"');
    writeFileSync(join(dir, '2022-04-x-street.csv'), good.join('\n'));
    const { rows } = await load('archive', [join(dir, '2022-04-x-street.csv')]);
    expect(rows.map((r) => r.location)).toContain('On or near High Road, Ickenham');
  });

  it('names the file, line, column and what was expected when a row is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lca-police-'));
    const good = readFileSync('tests/fixtures/police-uk/archive/2022-04-city-of-london-street.csv', 'utf8').split('\n');
    const bad = (name: string, line: number, from: string, to: string) => {
      const lines = [...good];
      lines[line - 1] = lines[line - 1]!.replace(from, to);
      const f = join(dir, `2022-04-${name}-street.csv`);
      writeFileSync(f, lines.join('\n'));
      return [f];
    };
    await expect(load('archive', bad('a', 3, 'Theft from the person', 'Theft of the person'))).rejects.toThrow(
      /a-street\.csv:3.*Crime type.*"Theft of the person".*expected one of the data\.police\.uk crime types/s,
    );
    await expect(load('archive', bad('b', 2, '2022-04', '2022-13'))).rejects.toThrow(
      /b-street\.csv:2.*Month.*"2022-13".*YYYY-MM/s,
    );
    await expect(load('archive', bad('c', 3, '-0.098572', 'west'))).rejects.toThrow(
      /c-street\.csv:3.*Longitude.*"west"/s,
    );
    await expect(load('archive', bad('d', 1, 'Crime type', 'Offence'))).rejects.toThrow(/d-street\.csv.*Crime type/s);
    await expect(load('archive', bad('e', 4, '2022-04', '2022-05'))).rejects.toThrow(
      /e-street\.csv:4.*Month.*"2022-05".*the month in the file's name/s,
    );
  });
});

describe('published numbers (GLA profiles, ONS income)', () => {
  it('reads money, thousands separators and the missing-value markers', () => {
    expect(publishedNumber('f', 2, 'c', '£29,420 ')).toBe(29420);
    expect(publishedNumber('f', 2, 'c', '4,323')).toBe(4323);
    expect(publishedNumber('f', 2, 'c', '-7739')).toBe(-7739);
    expect(publishedNumber('f', 2, 'c', '12.5')).toBe(12.5);
    for (const m of ['NaN', '-', '', '.', 'n/a']) expect(publishedNumber('f', 2, 'c', m)).toBeNull();
    expect(() => publishedNumber('gla.csv', 7, 'Median_House_Price,_2015', 'about £400k')).toThrow(
      /gla\.csv:7.*Median_House_Price,_2015.*"about £400k"/s,
    );
  });
});
