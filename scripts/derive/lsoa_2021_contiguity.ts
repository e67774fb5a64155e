/**
 * data/derived/lsoa_2021_contiguity.csv
 *
 * Queen contiguity of London's 2021 LSOAs from the boundary file itself (ONS LSOA
 * December 2021, generalised to 20 m), not from the site's display topology, which is
 * simplified to 12 % of its points and quantised: the LSOA hotspot map's Gi* takes each
 * LSOA's neighbours from here. Two LSOAs are neighbours when they share a stretch of
 * boundary or touch at a point: the boundaries are turned into a topology with no
 * simplification and no quantisation (topojson-server joins coordinates that are equal,
 * which ONS's generalised boundaries share along common edges), and the shared arcs and
 * arc ends read by src/lib/hotspots/contiguity.ts.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { topology } from 'topojson-server';
import { DataError } from '../lib/errors.ts';
import { readGeoJson } from '../lib/geo.ts';
import { toCsv } from '../lib/write.ts';
import { inputRecord, sourcePath, type DeriveModule } from '../lib/context.ts';
import { source } from '../sources.ts';
import { queenNeighbours } from '../../src/lib/hotspots/contiguity.ts';

export const OUTPUT = 'lsoa_2021_contiguity.csv';
const ID = 'ons-lsoa-2021';

const mod: DeriveModule = {
  output: OUTPUT,
  async derive(ctx) {
    const file = sourcePath(ctx, ID);
    const fc = readGeoJson<Polygon | MultiPolygon>(file, ['Polygon', 'MultiPolygon']);
    const features = fc.features.map((f, i) => {
      const props: Record<string, unknown> = f.properties ?? {};
      const code = props.LSOA21CD;
      if (typeof code !== 'string' || !/^E01\d{6}$/.test(code))
        throw new DataError(
          `${file}: feature ${i} has no LSOA21CD of the form E01xxxxxx (found ${JSON.stringify(code)}).`,
        );
      return { ...f, properties: { code } };
    });
    const codes = features.map((f) => f.properties.code);
    const dup = codes.find((c, i) => codes.indexOf(c) !== i);
    if (dup) throw new DataError(`${file}: LSOA ${dup} appears twice; expected one feature per LSOA.`);
    const areas: FeatureCollection = { type: 'FeatureCollection', features };
    const topo = topology({ areas });
    const { ids, neighbours } = queenNeighbours(topo, 'areas');
    const rows = ids
      .map(
        (code, i) =>
          [
            code,
            neighbours[i]!.length,
            neighbours[i]!.map((j) => ids[j]!)
              .sort()
              .join(';'),
          ] as const,
      )
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const alone = rows.filter((r) => r[1] === 0);
    if (alone.length > 5)
      throw new DataError(
        `${file}: ${alone.length} LSOAs touch no other (${alone
          .slice(0, 5)
          .map((r) => r[0])
          .join(', ')}…); expected neighbouring LSOAs to share their boundaries.`,
      );
    const columns = ['lsoa21cd', 'neighbours_count', 'neighbours'];
    const text = toCsv(
      columns,
      rows.map((r) => [...r]),
    );
    const links = rows.reduce((a, r) => a + r[1], 0);
    return {
      files: { [OUTPUT]: text },
      records: [
        {
          file: OUTPUT,
          title: 'Queen contiguity of London LSOAs (2021), from the boundary file',
          description: `Each of the ${rows.length} LSOAs with the LSOAs it shares a boundary or a point with (${links / 2} pairs; ${alone.length} with none), computed from the generalised (20 m) boundaries with no further simplification or quantisation.`,
          format: 'csv',
          rows: rows.length,
          columns,
          coverage: { note: 'LSOA December 2021 boundaries, London' },
          sources: [ID],
          inputs: [await inputRecord(ctx, ID, file, { rows_read: fc.features.length, rows_used: rows.length })],
          notes: [
            'Neighbours are separated by ";" and sorted. Contiguity is symmetric: each pair is listed under both LSOAs.',
            'The boundaries are ONS’s generalised (20 m) ones, the finest in the mirror: two LSOAs that meet only in the full-resolution boundaries, where the generalisation has moved a corner, may differ here.',
          ],
          licence: source(ID).licence,
          attribution: source(ID).attribution,
        },
      ],
    };
  },
};
export default mod;
