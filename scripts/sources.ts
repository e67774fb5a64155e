/**
 * The registry of every raw source the pipeline reads. One entry per file.
 *
 * `path` is the file's place in the mirror layout (the layout of ../shared/data);
 * `npm run data:fetch` downloads into data/raw/ with the same layout, and
 * `npm run data -- --mirror DIR` reads DIR instead.
 *
 * Nothing in src/ imports this file: the site reads only data/derived/, where the
 * pipeline copies each source's citation into manifest.json.
 */
export interface Source {
  id: string;
  title: string;
  publisher: string;
  licence: string;
  /** Attribution text to print wherever the data is shown. */
  attribution: string;
  /** Landing page of the dataset at its publisher. */
  page: string;
  /**
   * How to download it. `url` is fetched as is. `datastore` resolves the file through
   * the London Datastore's dataset API (resource URLs there change with each release).
   * `zipMember` names the file inside a downloaded zip archive.
   */
  download:
    | { url: string; zipMember?: string }
    | { datastore: { dataset: string; resourceTitle: RegExp } };
  cadence: string;
  coverage: string;
  /** Columns the reader checks for, compared case-insensitively. */
  expectedColumns: readonly string[];
  /** Relative path in the mirror layout. */
  path: string;
  caveats: readonly string[];
}

const MPS_LICENCE = 'Open Government Licence v2.0';
const MPS_ATTRIBUTION =
  'Metropolitan Police Service, "MPS recorded crime: geographic breakdown", London Datastore. Contains public sector information licensed under the Open Government Licence v2.0.';
const ONS_ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v3.0.';
const ONS_GEO_ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2022.';

export const SOURCES = [
  {
    id: 'mps-borough-historic',
    title: 'MPS Borough Level Crime (Historical)',
    publisher: 'Metropolitan Police Service, via the London Datastore',
    licence: MPS_LICENCE,
    attribution: MPS_ATTRIBUTION,
    page: 'https://data.london.gov.uk/dataset/recorded_crime_summary',
    download: { datastore: { dataset: 'recorded_crime_summary', resourceTitle: /borough.*historic/i } },
    cadence: 'Monthly release; the historical file is re-issued when months roll out of the recent file',
    coverage: 'April 2010 – February 2024, 32 boroughs plus "Unknown" and "London Heathrow and London City Airports"',
    expectedColumns: ['MajorText', 'MinorText', 'BoroughName'],
    path: 'crime_borough/mps_borough_level_crime_historic_2010-04_2024-02.csv',
    caveats: [
      'Crimes recorded by the MPS; the City of London is policed by the City of London Police and is not included.',
      'Offences are classified under the Home Office counting rules current at publication (major and minor categories in upper case).',
      'The mirror copy is a conversion of the publisher\'s file to CSV with lower-case headers; values are unchanged.',
    ],
  },
  {
    id: 'mps-borough-recent',
    title: 'MPS Borough Level Crime (most recent 24 months)',
    publisher: 'Metropolitan Police Service, via the London Datastore',
    licence: MPS_LICENCE,
    attribution: MPS_ATTRIBUTION,
    page: 'https://data.london.gov.uk/dataset/recorded_crime_summary',
    download: { datastore: { dataset: 'recorded_crime_summary', resourceTitle: /borough.*(recent|24 months)/i } },
    cadence: 'Monthly',
    coverage: 'March 2024 – February 2026 (release of March 2026)',
    expectedColumns: ['MajorText', 'MinorText', 'BoroughName'],
    path: 'crime_borough/mps_borough_level_crime_2024-03_2026-02.csv',
    caveats: [
      'A "most recent 24 months" release can carry an almost empty first month (a release artefact); the pipeline tests for it and takes that month from the historical file instead.',
      'Each release revises recent months slightly; where two releases overlap, the newer one is used.',
    ],
  },
  {
    id: 'census-2021-ts007a-ltla',
    title: 'Census 2021 TS007A: Age by five-year age bands, local authorities',
    publisher: 'Office for National Statistics (Nomis bulk download)',
    licence: 'Open Government Licence v3.0',
    attribution: ONS_ATTRIBUTION,
    page: 'https://www.nomisweb.co.uk/sources/census_2021_bulk',
    download: {
      url: 'https://www.nomisweb.co.uk/output/census/2021/census2021-ts007a.zip',
      zipMember: 'census2021-ts007a-ltla.csv',
    },
    cadence: 'Once (Census Day, 21 March 2021)',
    coverage: 'All 331 local authorities of England and Wales, usual residents on 21 March 2021',
    expectedColumns: ['date', 'geography', 'geography code', 'Age: Total'],
    path: 'census2021/census2021-ts007a-ltla.csv',
    caveats: [
      'Usual resident population on Census Day. Rates per 1,000 residents ignore the daytime, worker and visitor population, which is very large in central boroughs.',
    ],
  },
  {
    id: 'ons-boroughs-2022-gen20',
    title: 'Local Authority Districts (December 2022) boundaries, London, generalised (20 m)',
    publisher: 'Office for National Statistics, Open Geography Portal',
    licence: 'Open Government Licence v3.0',
    attribution: ONS_GEO_ATTRIBUTION,
    page: 'https://geoportal.statistics.gov.uk/search?q=LAD_DEC_2022',
    download: {
      url: 'https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/Local_Authority_Districts_December_2022_UK_BGC_V2/FeatureServer/0/query?where=LAD22CD%20LIKE%20%27E09%25%27&outFields=LAD22CD,LAD22NM&outSR=4326&f=geojson',
    },
    cadence: 'Annual boundary vintages',
    coverage: 'The 33 London local authorities (32 boroughs and the City of London), 2022 codes',
    expectedColumns: ['LAD22CD', 'LAD22NM'],
    path: 'boundaries/london_boroughs_2022_gen20_wgs84.geojson',
    caveats: [
      'Generalised boundaries, simplified further and quantised for the web: fit for a choropleth, not for measuring areas or assigning points.',
      'The fetched file is the BGC (generalised, clipped) edition; the mirror holds the 20 m generalised edition. Both carry LAD22CD/LAD22NM.',
    ],
  },
] as const satisfies readonly Source[];

export type SourceId = (typeof SOURCES)[number]['id'];

export function source(id: SourceId): Source {
  const s = SOURCES.find((x) => x.id === id);
  if (!s) throw new Error(`unknown source ${id}`);
  return s;
}
