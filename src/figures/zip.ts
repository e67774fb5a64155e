/**
 * A figure's data with its notes in one download: the CSV, its CSVW description and a README
 * (src/figures/csv.ts), zipped with fflate, for the build's files and the views made in the
 * browser alike. The files' dates are fixed (1 January 2000, the ZIP format's local time), so
 * that a build makes the same bytes every time and anywhere.
 */
import { strToU8, zipSync } from 'fflate';
import { downloadName, figureCsv, figureCsvMetadata, figureReadme } from './csv.ts';
import type { Figure } from './types.ts';

export function figureZip(f: Figure, url: string): Uint8Array {
  const name = downloadName(f);
  const mtime = new Date(2000, 0, 1);
  return zipSync(
    {
      [`${name}.csv`]: [strToU8(figureCsv(f)), { mtime }],
      [`${name}.csv-metadata.json`]: [strToU8(figureCsvMetadata(f, url)), { mtime }],
      'README.txt': [strToU8(figureReadme(f, url)), { mtime }],
    },
    { level: 9 },
  );
}
