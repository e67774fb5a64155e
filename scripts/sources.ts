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
import { monthLong } from '../src/lib/format.ts';

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
   * `zipMember` names the file inside a downloaded zip archive; `sheetAsCsv` names a
   * workbook sheet that is saved as CSV (the form the mirror holds).
   */
  download:
    | { url: string; zipMember?: string; sheetAsCsv?: string }
    | { datastore: { dataset: string; resourceTitle: RegExp } }
    /** A folder of files: every member of the zip whose name matches, saved under `path` by its base name. */
    | { url: string; zipMembers: RegExp }
    /** Not downloadable as a file: how it was made, for a user to repeat. */
    | { manual: string };
  cadence: string;
  coverage: string;
  /** Columns the reader checks for, compared case-insensitively. */
  expectedColumns: readonly string[];
  /** Relative path in the mirror layout (a folder when the source is many files). */
  path: string;
  caveats: readonly string[];
}

const MPS_LICENCE = 'Open Government Licence v2.0';
const MPS_ATTRIBUTION =
  'Metropolitan Police Service, "MPS recorded crime: geographic breakdown", London Datastore. Contains public sector information licensed under the Open Government Licence v2.0.';
const ONS_ATTRIBUTION = 'Source: Office for National Statistics licensed under the Open Government Licence v3.0.';
const ONS_GEO_ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2022.';

/** Publisher, licence, attribution and page of the two PAS dashboard sheets. */
const PAS_SOURCE = {
  publisher: 'Mayor\'s Office for Policing and Crime (MOPAC), London Datastore "MOPAC Surveys"',
  licence: 'Open Government Licence v3.0',
  attribution:
    "Mayor's Office for Policing and Crime, Public Attitude Survey (London Datastore). Contains public sector information licensed under the Open Government Licence v3.0.",
  page: 'https://data.london.gov.uk/dataset/mopac-surveys',
} as const;

/** The eight ONS PFA workbooks: period end, file name, ONS edition slug, population vintage. */
export const PFA_WORKBOOKS = [
  ['2018-03', 'policeforceareatablesyearendingmarch2018v2.xlsx', 'yearendingmarch2018', 'mid-2016'],
  ['2018-06', 'policeforceareadatatablesyearendingjune2018corrected.xlsx', 'yearendingjune2018', 'mid-2017'],
  ['2018-09', 'policeforceareatablesyearendingsep18corrected.xlsx', 'yearendingseptember2018', 'mid-2017'],
  ['2018-12', 'policeforceareatablesyearendingdecember2018.xlsx', 'yearendingdecember2018', 'mid-2017'],
  ['2019-03', 'policeforceareatablesyeendingmarch2019.xlsx', 'yearendingmarch2019', 'mid-2017'],
  ['2019-06', 'policeforceareatablesyearendingjune2019.xlsx', 'yearendingjune2019', 'mid-2018'],
  ['2019-09', 'policeforceareatablesyearendingseptember2019.xlsx', 'yearendingseptember2019', 'mid-2018'],
  ['2019-12', 'pfatablesdec19.xlsx', 'yearendingdecember2019', 'mid-2018'],
] as const;

/** Census 2021 bulk tables used by the atlas: table, level, mirror file, title. */
export const CENSUS_FILES = [
  ['ts007a', 'lsoa', 'census2021-ts007a-lsoa-london.csv', 'Age by five-year age bands'],
  ['ts007a', 'msoa', 'census2021-ts007a-msoa-london.csv', 'Age by five-year age bands'],
  ['ts011', 'ltla', 'census2021-ts011-ltla.csv', 'Households by deprivation dimensions'],
  ['ts011', 'msoa', 'census2021-ts011-msoa-london.csv', 'Households by deprivation dimensions'],
  ['ts011', 'lsoa', 'census2021-ts011-lsoa-london.csv', 'Households by deprivation dimensions'],
  ['ts044', 'ltla', 'census2021-ts044-ltla.csv', 'Accommodation type'],
  ['ts044', 'msoa', 'census2021-ts044-msoa-london.csv', 'Accommodation type'],
  ['ts044', 'lsoa', 'census2021-ts044-lsoa-london.csv', 'Accommodation type'],
  ['ts054', 'ltla', 'census2021-ts054-ltla.csv', 'Tenure'],
  ['ts054', 'msoa', 'census2021-ts054-msoa-london.csv', 'Tenure'],
  ['ts054', 'lsoa', 'census2021-ts054-lsoa-london.csv', 'Tenure'],
  ['ts066', 'ltla', 'census2021-ts066-ltla.csv', 'Economic activity status'],
  ['ts066', 'msoa', 'census2021-ts066-msoa-london.csv', 'Economic activity status'],
  ['ts067', 'ltla', 'census2021-ts067-ltla.csv', 'Highest level of qualification'],
  ['ts067', 'msoa', 'census2021-ts067-msoa-london.csv', 'Highest level of qualification'],
  ['ts067', 'lsoa', 'census2021-ts067-lsoa-london.csv', 'Highest level of qualification'],
  ['ts021', 'ltla', 'census2021-ts021-ethnic-group-20cat-ltla.csv', 'Ethnic group (20 categories)'],
  ['ts021', 'msoa', 'census2021-ts021-msoa-london.csv', 'Ethnic group'],
] as const;

/** Small-area boundaries for the atlas: id, mirror file, title, code and name fields, coverage. */
export const AREA_BOUNDARIES = [
  [
    'ons-wards-2022',
    'london_wards_2022_wgs84.geojson',
    'Wards (December 2022) boundaries, London',
    'WD22CD',
    'WD22NM',
    '704 London wards (679 MPS wards and 25 City of London wards)',
  ],
  [
    'ons-msoa-2021',
    'london_msoa_2021_gen20_wgs84.geojson',
    'MSOA (2021) boundaries, London, generalised 20 m',
    'MSOA21CD',
    'MSOA21NM',
    '1,002 London MSOAs',
  ],
  [
    'ons-lsoa-2021',
    'london_lsoa_2021_gen20_wgs84.geojson',
    'LSOA (2021) boundaries, London, generalised 20 m',
    'LSOA21CD',
    'LSOA21NM',
    '4,994 London LSOAs',
  ],
  [
    'ons-lsoa-2011',
    'london_lsoa_2011_wgs84.geojson',
    'LSOA (2011) boundaries, London, generalised clipped',
    'LSOA11CD',
    'LSOA11NM',
    '4,835 London LSOAs (2011)',
  ],
  [
    'ons-wards-2013',
    'london_wards_2013_wgs84.geojson',
    'Wards (December 2013) boundaries, London, generalised clipped',
    'WD13CD',
    'WD13NM',
    '649 London wards (2013 codes, 25 of them in the City of London)',
  ],
  [
    'ons-wards-2018',
    'london_wards_2018_wgs84.geojson',
    'Wards (2018) boundaries, London (GLA statistical GIS boundary files)',
    'GSS_CODE',
    'NAME',
    '657 London wards (2018 pattern, City wards not merged)',
  ],
  [
    'ons-msoa-2011',
    'london_msoa_2011_wgs84.geojson',
    'MSOA (2011) boundaries, London, generalised clipped',
    'MSOA11CD',
    'MSOA11NM',
    '983 London MSOAs (2011)',
  ],
] as const;

/** The borough-code property of each boundary file (the 2021/2022 files carry no usable one; their areas' boroughs come from lookups). */
export const BOUNDARY_PARENT_FIELD: Partial<Record<(typeof AREA_BOUNDARIES)[number][0], string>> = {
  'ons-lsoa-2011': 'LAD_CD',
  'ons-wards-2013': 'LAD_CD',
  'ons-wards-2018': 'LAGSSCODE',
  'ons-msoa-2011': 'LAD_CD',
};

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
      "The mirror copy is a conversion of the publisher's file to CSV with lower-case headers; values are unchanged.",
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
      'Generalised to 20 m. The web copy is simplified further and quantised: fit for a choropleth, not for measuring areas or assigning points; the pipeline assigns points with the 20 m file itself, so a point within about 20 m of a boundary may fall either side.',
      'The fetched file is the BGC (generalised, clipped) edition; the mirror holds the 20 m generalised edition. Both carry LAD22CD/LAD22NM.',
    ],
  },
  ...PFA_WORKBOOKS.map(
    ([period, file, edition, mid]) =>
      ({
        id: `ons-pfa-tables-${period}`,
        title: `ONS Police Force Area data tables, year ending ${monthName(period)}`,
        publisher: 'Office for National Statistics (data: Home Office, police recorded crime)',
        licence: 'Open Government Licence v3.0',
        attribution: ONS_ATTRIBUTION,
        page: 'https://www.ons.gov.uk/peoplepopulationandcommunity/crimeandjustice/datasets/policeforceareadatatables',
        download: {
          url: `https://www.ons.gov.uk/file?uri=/peoplepopulationandcommunity/crimeandjustice/datasets/policeforceareadatatables/${edition}/${file}`,
        },
        cadence: 'Quarterly, with each Crime in England and Wales release',
        coverage: `Rolling 12 months to ${monthName(period)}: 43 police force areas, English regions, Wales, England and Wales, British Transport Police; Tables P1 (numbers), P2 (% change on the previous year) and P3 (rates per 1,000, ${mid} population)`,
        expectedColumns: ['Area Code', 'Area Name', 'Total recorded crime (excluding fraud)'],
        path: `ons/pfa_tables_xlsx/${file}`,
        caveats: [
          'Fraud is excluded from police force area figures (it is recorded by Action Fraud).',
          'Police recorded crime is not a measure of all crime; changes in recording practice have raised some counts, violence and sexual offences above all.',
          ...(period >= '2019-09'
            ? [
                'Greater Manchester Police could not supply data after a new IT system (July 2019): its figures and the North West and England and Wales totals exclude it.',
              ]
            : []),
          'Older editions live under the dataset page\'s "previous versions"; their download addresses change when ONS re-files them.',
        ],
      }) satisfies Source,
  ),
  {
    id: 'ons-pfa-p1-ye2025-06',
    title: 'ONS Police Force Area data tables, year ending June 2025, Table P1',
    publisher: 'Office for National Statistics (data: Home Office, police recorded crime)',
    licence: 'Open Government Licence v3.0',
    attribution: ONS_ATTRIBUTION,
    page: 'https://www.ons.gov.uk/peoplepopulationandcommunity/crimeandjustice/datasets/policeforceareadatatables',
    download: {
      url: 'https://www.ons.gov.uk/file?uri=/peoplepopulationandcommunity/crimeandjustice/datasets/policeforceareadatatables/yearendingjune2025/policeforceareatablesyejune25final.xlsx',
      sheetAsCsv: 'Table P1',
    },
    cadence: 'Quarterly',
    coverage:
      'Rolling 12 months to June 2025: numbers by offence group for England and Wales, regions, 43 police force areas and British Transport Police (no rates in this table)',
    expectedColumns: ['Area Code', 'Area Name', 'Total recorded crime (excluding fraud)'],
    path: 'ons/ons_pfa_recorded_crime_table_p1_ye2025-06.csv',
    caveats: [
      'CSV export of the workbook sheet: six title lines above the header, thousands separators, "[note N]" markers and trailing spaces in names.',
      'Fraud excluded. Greater Manchester Police is included.',
    ],
  },
  {
    id: 'ons-csp-c2-ye2025-06',
    title: 'Police recorded crime by Community Safety Partnership area, year ending June 2025 (Table C2)',
    publisher: 'Office for National Statistics (data: Home Office, police recorded crime)',
    licence: 'Open Government Licence v3.0',
    attribution: ONS_ATTRIBUTION,
    page: 'https://www.ons.gov.uk/peoplepopulationandcommunity/crimeandjustice/datasets/recordedcrimedatabycommunitysafetypartnershiparea',
    download: {
      url: 'https://www.ons.gov.uk/file?uri=/peoplepopulationandcommunity/crimeandjustice/datasets/recordedcrimedatabycommunitysafetypartnershiparea/current/cspyejune25final.xlsx',
      sheetAsCsv: 'Table C2',
    },
    cadence: 'Quarterly',
    coverage:
      'Rolling 12 months to June 2025: each force area total and its Community Safety Partnerships (the 32 MPS boroughs; the City of London)',
    expectedColumns: [
      'Police Force Area code',
      'Community Safety Partnership code',
      'Local Authority code',
      'Local Authority name',
      'Total recorded crime (excluding fraud)',
    ],
    path: 'ons/ons_csp_recorded_crime_table_c2_ye2025-06.csv',
    caveats: [
      'CSV export of the workbook sheet: seven title lines above the header, header cells over several lines, thousands separators and trailing spaces in numbers.',
      'Fraud excluded. Counts are by the area where the crime was recorded, per borough (Community Safety Partnership).',
    ],
  },
  {
    id: 'ons-pfa-boundaries-2020',
    title: 'Police Force Areas (December 2020) boundaries, England and Wales',
    publisher: 'Office for National Statistics, Open Geography Portal',
    licence: 'Open Government Licence v3.0',
    attribution:
      'Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2020.',
    page: 'https://geoportal.statistics.gov.uk/search?q=PFA_DEC_2020',
    download: {
      url: 'https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/Police_Force_Areas_December_2020_EW_BUC/FeatureServer/0/query?where=1%3D1&outFields=PFA20CD,PFA20NM&outSR=4326&f=geojson',
    },
    cadence: 'When force boundaries change',
    coverage: 'The 43 territorial police force areas of England and Wales (British Transport Police has no area)',
    expectedColumns: ['PFA20CD', 'PFA20NM'],
    path: 'boundaries/police_force_areas_2020_ew_wgs84.geojson',
    caveats: ['Coarse (ultra-generalised) boundaries for a national overview map.'],
  },
  ...CENSUS_FILES.map(
    ([table, level, file, title]) =>
      ({
        id: `census-2021-${table}-${level}`,
        title: `Census 2021 ${table.toUpperCase()}: ${title}, ${level === 'ltla' ? 'local authorities' : level === 'msoa' ? 'London MSOAs (2021)' : 'London LSOAs (2021)'}`,
        publisher: 'Office for National Statistics (Nomis bulk download)',
        licence: 'Open Government Licence v3.0',
        attribution: ONS_ATTRIBUTION,
        page: 'https://www.nomisweb.co.uk/sources/census_2021_bulk',
        download: {
          url: `https://www.nomisweb.co.uk/output/census/2021/census2021-${table}.zip`,
          zipMember: file.replace('-london', ''),
        },
        cadence: 'Once (Census Day, 21 March 2021)',
        coverage:
          level === 'ltla'
            ? 'All local authorities of England and Wales (London kept)'
            : `London ${level.toUpperCase()}s, 2021 boundaries`,
        expectedColumns:
          table === 'ts021' && level === 'ltla'
            ? ['Lower Tier Local Authorities Code', 'Observation']
            : ['date', 'geography', 'geography code'],
        path: `census2021/${file}`,
        caveats: [
          "Census estimates are rounded and perturbed by ONS for disclosure control, so small areas' figures may not sum exactly to larger areas'.",
        ],
      }) satisfies Source,
  ),
  ...AREA_BOUNDARIES.map(
    ([id, file, title, codeField, nameField, coverage]) =>
      ({
        id,
        title,
        publisher: 'Office for National Statistics, Open Geography Portal',
        licence: 'Open Government Licence v3.0',
        attribution: ONS_GEO_ATTRIBUTION,
        page: 'https://geoportal.statistics.gov.uk/',
        download: { url: `https://geoportal.statistics.gov.uk/search?q=${encodeURIComponent(title)}` },
        cadence: 'With each boundary vintage',
        coverage,
        expectedColumns: [codeField, nameField],
        path: `boundaries/${file}`,
        caveats: [
          'Generalised boundaries, simplified further and quantised for the web: for maps, not for measuring areas.',
        ],
      }) satisfies Source,
  ),
  {
    id: 'ons-lsoa21-ward24-lookup',
    title: 'LSOA (2021) to electoral ward (2024) to LAD (2024) best-fit lookup, London',
    publisher: 'Office for National Statistics, Open Geography Portal',
    licence: 'Open Government Licence v3.0',
    attribution: ONS_ATTRIBUTION,
    page: 'https://geoportal.statistics.gov.uk/search?q=LSOA21_WD24_LAD24',
    download: {
      url: 'https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/LSOA21_WD24_LAD24_EW_LU/FeatureServer/0/query?where=LAD24CD%20LIKE%20%27E09%25%27&outFields=*&f=json',
    },
    cadence: 'With each ward boundary vintage',
    coverage: '4,994 London LSOAs, each assigned to the one ward holding its population-weighted centroid',
    expectedColumns: ['LSOA21CD', 'WD24CD', 'WD24NM', 'LAD24CD'],
    path: 'lookups/lsoa21_to_ward24_london.csv',
    caveats: [
      'Best fit, not exact: an LSOA that straddles a ward boundary counts wholly in one ward. In London the 2024 ward codes are the 2022 codes. Twenty City of London wards receive no LSOA.',
    ],
  },
  {
    id: 'mps-ward-historic',
    title: 'MPS Ward Level Crime (Historical), re-based to 2022 wards',
    publisher: 'Metropolitan Police Service, via the London Datastore',
    licence: MPS_LICENCE,
    attribution: MPS_ATTRIBUTION,
    page: 'https://data.london.gov.uk/dataset/recorded_crime_summary',
    download: { datastore: { dataset: 'recorded_crime_summary', resourceTitle: /ward.*historic/i } },
    cadence: 'Re-issued when months roll out of the recent file',
    coverage: 'April 2010 – February 2024, 679 wards (2022 pattern)',
    expectedColumns: ['MajorText', 'MinorText', 'WardCode', 'WardName', 'LookUp_BoroughName'],
    path: 'crime_ward/mps_ward_level_crime_historic_2010-04_2024-02.csv',
    caveats: [
      'Re-based by the MPS to 2022 wards for the whole period. The mirror copy is a CSV conversion with lower-case headers; values unchanged.',
    ],
  },
  {
    id: 'mps-ward-recent',
    title: 'MPS Ward Level Crime (most recent 24 months)',
    publisher: 'Metropolitan Police Service, via the London Datastore',
    licence: MPS_LICENCE,
    attribution: MPS_ATTRIBUTION,
    page: 'https://data.london.gov.uk/dataset/recorded_crime_summary',
    download: { datastore: { dataset: 'recorded_crime_summary', resourceTitle: /ward.*(recent|24 months)/i } },
    cadence: 'Monthly',
    coverage: 'February 2024 – February 2026 (first month incomplete), 679 wards (2022)',
    expectedColumns: ['MajorText', 'MinorText', 'WardCode', 'WardName', 'LookUp_BoroughName'],
    path: 'crime_ward/mps_ward_level_crime_2024-02_2026-02.csv',
    caveats: [
      'Ward totals are about 5% below borough totals: crimes without a usable location are not placed in a ward.',
    ],
  },
  {
    id: 'mps-lsoa-recent',
    title: 'MPS LSOA Level Crime (most recent 24 months)',
    publisher: 'Metropolitan Police Service, via the London Datastore',
    licence: MPS_LICENCE,
    attribution: MPS_ATTRIBUTION,
    page: 'https://data.london.gov.uk/dataset/recorded_crime_summary',
    download: { datastore: { dataset: 'recorded_crime_summary', resourceTitle: /lsoa.*(recent|24 months)/i } },
    cadence: 'Monthly',
    coverage: 'February 2024 – February 2026 (first month incomplete), 4,988 LSOAs (2021)',
    expectedColumns: ['major_category', 'minor_category', 'lsoa_code', 'lsoa_name', 'borough'],
    path: 'crime_lsoa/mps_lsoa_level_crime_2024-02_2026-02.csv',
    caveats: [
      'Sexual offences and fraud are not published at LSOA level. LSOA totals are about 3% below borough totals (records with an unknown location).',
    ],
  },
  {
    id: 'imd-2019-borough',
    title: 'English Indices of Deprivation 2019, London borough summary measures',
    publisher: 'Ministry of Housing, Communities and Local Government, via GLA Intelligence',
    licence: 'Open Government Licence v3.0',
    attribution:
      'Contains public sector information licensed under the Open Government Licence v3.0 (MHCLG, English Indices of Deprivation 2019).',
    page: 'https://www.gov.uk/government/statistics/english-indices-of-deprivation-2019',
    download: {
      url: 'https://data.london.gov.uk/download/indices-of-deprivation/ID%202019%20for%20London.xlsx',
      sheetAsCsv: 'Borough summary measures',
    },
    cadence: 'Every four or five years',
    coverage:
      "The 33 London local authorities: average rank and score, proportion of LSOAs in the most deprived 10%, extent and local concentration, with their ranks among England's 317 authorities",
    expectedColumns: ['Local Authority District code (2019)', 'IMD - Average score'],
    path: 'socioeconomic/imd2019_london_borough_summary.csv',
    caveats: [
      'Summary measures of the LSOA index for each local authority; ranks among the 317 local authorities of England (1 = most deprived).',
    ],
  },
  {
    id: 'imd-2019-lsoa',
    title: 'English Indices of Deprivation 2019, London LSOAs (2011)',
    publisher: 'Ministry of Housing, Communities and Local Government, via GLA Intelligence',
    licence: 'Open Government Licence v3.0',
    attribution:
      'Contains public sector information licensed under the Open Government Licence v3.0 (MHCLG, English Indices of Deprivation 2019).',
    page: 'https://www.gov.uk/government/statistics/english-indices-of-deprivation-2019',
    download: {
      url: 'https://data.london.gov.uk/download/indices-of-deprivation/ID%202019%20for%20London.xlsx',
      sheetAsCsv: 'IMD 2019',
    },
    cadence: 'Every four or five years',
    coverage: '4,835 London LSOAs (2011 boundaries): the IMD and its seven domains, score, rank and decile',
    expectedColumns: ['LSOA code (2011)', 'LSOA name (2011)', 'Index of Multiple Deprivation (IMD) Score'],
    path: 'socioeconomic/imd2019_london_lsoa2011.csv',
    caveats: [
      'Ranks are among all 32,844 LSOAs in England (1 = most deprived). Most underlying data are from 2015/16. On 2011 LSOA boundaries.',
    ],
  },
  {
    id: 'policeuk-street-city',
    title: 'data.police.uk street-level crime, City of London Police (bulk archive files)',
    publisher: 'Home Office / police forces, via data.police.uk',
    licence: 'Open Government Licence v3.0',
    attribution:
      'Contains public sector information licensed under the Open Government Licence v3.0 (data.police.uk, City of London Police).',
    page: 'https://data.police.uk/data/',
    download: {
      url: 'https://data.police.uk/data/archive/2025-03.zip',
      zipMembers: /^\d{4}-\d{2}-city-of-london-street\.csv$/,
    },
    cadence: 'Monthly; the archive holds the latest 36 months',
    coverage: "April 2022 – March 2025, every month; any force's archive files in the same format are accepted",
    expectedColumns: [
      'Crime ID',
      'Month',
      'Reported by',
      'Falls within',
      'Longitude',
      'Latitude',
      'Location',
      'LSOA code',
      'LSOA name',
      'Crime type',
    ],
    path: 'street_crime/city_of_london',
    caveats: [
      'Locations are anonymised: each crime is moved to the nearest of about 750,000 map points ("On or near …"), so street-level counts are counts at snap points, not exact places.',
      'Some crimes recorded by the City of London Police lie outside the City, in neighbouring Camden, Westminster and Tower Hamlets LSOAs; a few rows a month have no location.',
    ],
  },
  {
    id: 'policeuk-api-met',
    title: 'data.police.uk street-level crime API, Metropolitan Police, 25 boroughs',
    publisher: 'Home Office / police forces, via the data.police.uk API',
    licence: 'Open Government Licence v3.0',
    attribution:
      'Contains public sector information licensed under the Open Government Licence v3.0 (data.police.uk, Metropolitan Police Service).',
    page: 'https://data.police.uk/docs/method/crime-street/',
    download: {
      manual:
        'collected from the data.police.uk API (crimes-street/all-crime, one polygon query per 2018 ward and month, January 2016 – June 2018) by the PoliceRewired ward-level-crime-data project and merged per month, de-duplicated on the crime id; the API now serves only the latest 36 months, so these months can no longer be queried',
    },
    cadence: 'Historical extract (the API serves only recent months)',
    coverage:
      'January 2016 – June 2018, 483 wards of 25 boroughs (no Croydon, Bexley, Redbridge, Southwark, Hackney, Kensington and Chelsea, Tower Hamlets or the City of London); March 2016 partial',
    expectedColumns: [
      'id',
      'month',
      'category',
      'latitude',
      'longitude',
      'street_id',
      'street_name',
      'query_ward_2018',
    ],
    path: 'street_crime/police_uk_api_london_wards_2016-01_2018-06',
    caveats: [
      'Locations are anonymised snap points ("On or near …"); each street_id is one snap point.',
      'Coverage gaps: eight boroughs are missing altogether; March 2016 has data for only some wards, April 2016 for most, and March 2018 lacks one ward.',
      "Categories are the API slugs; data/reference/police_uk_crime_types.csv maps them to the archive's crime-type labels.",
    ],
  },
  {
    id: 'mps-knife-crime-dashboard',
    title: 'MPS Monthly Crime Dashboard data: knife crime by borough and Safer Neighbourhood Team',
    publisher: 'Metropolitan Police Service, via the London Datastore',
    licence: 'Open Government Licence v2.0',
    attribution:
      'Metropolitan Police Service, "MPS Monthly Crime Dashboard Data", London Datastore. Contains public sector information licensed under the Open Government Licence v2.0.',
    page: 'https://data.london.gov.uk/dataset/mps-monthly-crime-dahboard-data',
    download: {
      manual:
        "the knife-crime rows of the MPS Monthly Crime Dashboard data (London Datastore), as kept in the fenneh/london-crime-data project's monthly-crime-dashboard.parquet and saved as CSV; the Datastore publishes the dashboard as a workbook whose layout changes between releases",
    },
    cadence: 'Monthly (the dashboard is refreshed each month)',
    coverage:
      'March 2022 – February 2026; knife crime, knife crime with injury and knife injury victims aged 1–24 (offences and positive outcomes), by borough and by Safer Neighbourhood Team (679 codes = 2022 ward codes)',
    expectedColumns: [
      'month_year',
      'area_type',
      'borough_snt',
      'area_name',
      'area_code',
      'crime_type',
      'crime_subtype',
      'measure',
      'count',
    ],
    path: 'crime_other/mps_knife_crime_dashboard_borough_snt_2022-03_2026-02.csv',
    caveats: [
      'Safer Neighbourhood Team rows carry the 2022 ward code with a trailing space; a few carry no code or an old or placeholder one ("-1", "N/K", "NON ATHENA FORCE", retired ward codes), which are kept under "unknown code" and counted, not dropped.',
      'Knife injury victims aged 1–24 count victims (non-domestic), not offences.',
    ],
  },
  {
    id: 'mps-homicide-dashboard',
    title: 'MPS Homicide dashboard data: people proceeded against for homicide',
    publisher: 'Metropolitan Police Service, via the London Datastore',
    licence: 'Open Government Licence v2.0',
    attribution:
      'Metropolitan Police Service, "MPS Homicide Dashboard Data", London Datastore. Contains public sector information licensed under the Open Government Licence v2.0.',
    page: 'https://data.london.gov.uk/dataset/mps-homicide-dashboard-data',
    download: {
      manual:
        "the accused (people proceeded against) records of the MPS Homicide dashboard data (London Datastore), as kept in the fenneh/london-crime-data project's homicide.parquet and saved as CSV",
    },
    cadence: 'Irregular (the dashboard data are refreshed from time to time)',
    coverage:
      'People charged or summonsed (or whose case closed because the accused died) for homicide in London, by month of proceedings, January 2003 to March 2024',
    expectedColumns: [
      'count_of_ppa',
      'borough',
      'gender',
      'age_group',
      'self_classified_ethnicity',
      'offence_type',
      'charged_summonsed',
      'proceedings_date',
    ],
    path: 'crime_other/mps_homicide_accused_2003-2023.csv',
    caveats: [
      'One record per person proceeded against (accused), not per victim or per homicide: a homicide with three accused is three records, and a homicide with no one charged is none.',
      'Dated by the month of proceedings, which can be months or years after the homicide.',
    ],
  },
  {
    id: 'imd-2019-ward2018',
    title: 'English Indices of Deprivation 2019, London ward summary measures (2018 wards)',
    publisher: 'GLA Intelligence, from MHCLG English Indices of Deprivation 2019',
    licence: 'Open Government Licence v3.0',
    attribution:
      'Contains public sector information licensed under the Open Government Licence v3.0 (GLA; MHCLG, English Indices of Deprivation 2019).',
    page: 'https://data.london.gov.uk/dataset/indices-of-deprivation',
    download: {
      url: 'https://data.london.gov.uk/download/indices-of-deprivation/London%20wards%20id2019%20summary%20measures.xlsx',
      sheetAsCsv: 'Summary measures',
    },
    cadence: 'With each Indices of Deprivation release',
    coverage: '633 London wards on the 2018 pattern (the City of London as one area is not included)',
    expectedColumns: ['Ward Code', 'Ward Name', 'IMD average score', 'IMD Extent %'],
    path: 'socioeconomic/imd2019_london_wards2018_summary.csv',
    caveats: [
      'Population-weighted summaries of the LSOA (2011) indices for each 2018 ward, computed by the GLA; ranks are among London wards (1 = most deprived).',
    ],
  },
  {
    id: 'gla-ward-profiles-2015',
    title: 'Ward Profiles and Atlas (2015 edition)',
    publisher: 'Greater London Authority',
    licence: 'Open Government Licence v2.0',
    attribution:
      'Greater London Authority, Ward Profiles and Atlas (2015). Contains public sector information licensed under the Open Government Licence v2.0.',
    page: 'https://data.london.gov.uk/dataset/ward-profiles-and-atlas',
    download: {
      datastore: {
        dataset: 'ward-profiles-and-atlas',
        resourceTitle: /ward.profiles.*csv|ward-profiles-excel-version/i,
      },
    },
    cadence: 'Discontinued (last edition 2015)',
    coverage:
      "624 London wards on 2013 codes (not the City of London's wards), plus rows for the 33 boroughs, London and England",
    expectedColumns: ['Ward name', 'Old code', 'New code'],
    path: 'socioeconomic/gla_ward_profiles_2015_wards2014.csv',
    caveats: [
      "Each column has its own year, from 2009–13 (life expectancy) to 2015 (population projection); the year is in the column name and in each indicator's period.",
      'Ward codes are the December 2013 (WD13) codes: the 2014 ward changes in Hackney, Kensington and Chelsea and Tower Hamlets are not applied.',
    ],
  },
  {
    id: 'gla-ptal-ward-2015',
    title: 'Public Transport Accessibility Levels (PTAL) 2015: average PTAI by ward (2014 wards)',
    publisher: 'Transport for London, via the Greater London Authority',
    licence: 'Open Government Licence v2.0',
    attribution:
      'Transport for London / Greater London Authority, Public Transport Accessibility Levels (2015). Contains public sector information licensed under the Open Government Licence v2.0.',
    page: 'https://data.london.gov.uk/dataset/public-transport-accessibility-levels',
    download: {
      datastore: { dataset: 'public-transport-accessibility-levels', resourceTitle: /ward.*2014.*ptai|ward2014/i },
    },
    cadence: 'Occasional',
    coverage: '629 London wards on the May 2014 pattern, plus the City of London as one area',
    expectedColumns: ['Ward Code', 'Ward Name', 'AvPTAI2015', 'PTAL'],
    path: 'socioeconomic/ward2014_avg_ptai_2015.csv',
    caveats: [
      "The average of the Public Transport Accessibility Index over each ward's 100 m grid cells (2015 timetables); PTAL is its band, 0 (worst) to 6b (best).",
    ],
  },
  {
    id: 'gla-borough-profiles-2017',
    title: 'London Borough Profiles and Atlas (2017 edition)',
    publisher: 'Greater London Authority',
    licence: 'Open Government Licence v2.0',
    attribution:
      'Greater London Authority, London Borough Profiles and Atlas (2017). Contains public sector information licensed under the Open Government Licence v2.0.',
    page: 'https://data.london.gov.uk/dataset/london-borough-profiles',
    download: {
      datastore: {
        dataset: 'london-borough-profiles',
        resourceTitle: /london-borough-profiles.*csv|borough profiles.*csv/i,
      },
    },
    cadence: 'Discontinued as a single table (last edition 2017)',
    coverage: 'The 33 London boroughs, plus Inner and Outer London, London, England and the UK',
    expectedColumns: ['Code', 'Area_name'],
    path: 'socioeconomic/gla_london_borough_profiles_2017.csv',
    caveats: [
      "Each column has its own year (2005 to 2017); the year is in each indicator's period.",
      'Missing values are written "NaN" or "-" (mostly the City of London, where surveys are too small); they stay missing.',
    ],
  },
  {
    id: 'ons-msoa2011-income',
    title: 'Income estimates for small areas, England and Wales: London MSOAs (2011)',
    publisher: 'Office for National Statistics',
    licence: 'Open Government Licence v3.0',
    attribution: ONS_ATTRIBUTION,
    page: 'https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork/earningsandworkinghours/datasets/smallareaincomeestimatesformiddlelayersuperoutputareasenglandandwales',
    download: {
      url: 'https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork/earningsandworkinghours/datasets/smallareaincomeestimatesformiddlelayersuperoutputareasenglandandwales',
    },
    cadence: 'Every two or three years',
    coverage: '983 London MSOAs (2011 boundaries)',
    expectedColumns: ['MSOA code', 'MSOA name', 'Local authority code', 'annualincome'],
    path: 'socioeconomic/ons_msoa2011_household_income_estimate_london.csv',
    caveats: [
      'The copy used states neither the financial year nor the income measure; its values match total annual household income. Treat as indicative: model-based estimates with wide confidence intervals.',
    ],
  },
  {
    id: 'osm-streets-city',
    title: 'OpenStreetMap drivable street segments, City of London and a 500 m buffer (2024-02-17)',
    publisher: 'OpenStreetMap contributors (Overpass API extract)',
    licence: 'Open Database Licence (ODbL) 1.0',
    attribution: '© OpenStreetMap contributors. Data available under the Open Database Licence (ODbL) 1.0.',
    page: 'https://www.openstreetmap.org/copyright',
    download: {
      manual:
        'an Overpass API query for the OSMnx "drive" highway types in the bounding box -0.1218,51.5019,-0.0610,51.5296 at [date:"2024-02-17T03:10:00Z"], each way split at the nodes it shares with another way (as in the CityNavigator project\'s cache); re-running the query at that date gives the same ways',
    },
    cadence: 'OpenStreetMap changes daily; this is one snapshot',
    coverage: '3,916 segments of 3,418 ways; 1,810 segments touch the City of London',
    expectedColumns: ['seg_id', 'osm_way_id', 'name', 'highway', 'length_m', 'city_share'],
    path: 'streets/osm_city_of_london_drive_segments_2024-02-17_wgs84.geojson',
    caveats: [
      'Drivable network only: pedestrian streets, alleys, courts and passages are not in it, so crimes there snap to the nearest drivable segment.',
      'A street is usually several consecutive segments, split at junctions; dual carriageways are two parallel segments.',
    ],
  },
  {
    id: 'osm-streets-westminster',
    title: 'OpenStreetMap drivable street segments, City of Westminster (OSMnx graph, 2024-02-17)',
    publisher: 'OpenStreetMap contributors (OSMnx 1.9.1 graph)',
    licence: 'Open Database Licence (ODbL) 1.0',
    attribution: '© OpenStreetMap contributors. Data available under the Open Database Licence (ODbL) 1.0.',
    page: 'https://www.openstreetmap.org/copyright',
    download: {
      manual:
        'OSMnx 1.9.1 graph_from_place("City of Westminster, Greater London, UK", network_type="drive", simplify=True) on 2024-02-17, the directed graph reduced to undirected segments (reverse twins of two-way streets dropped); OSM data of another date give a different graph',
    },
    cadence: 'OpenStreetMap changes daily; this is one snapshot',
    coverage: '4,733 junction-to-junction segments, about 353 km, clipped to the OSM Westminster boundary',
    expectedColumns: ['u', 'v', 'key', 'osmid', 'name', 'highway', 'length'],
    path: 'streets/osm_westminster_drive_edges_2024-02-17_wgs84.geojson',
    caveats: [
      'Drivable network only: Covent Garden Piazza, Carnaby Street and other pedestrian streets are not in it.',
      'Where OSMnx merged ways, a segment carries a list of names or road types; they are joined with " / ".',
    ],
  },
  {
    id: 'mopac-pas-borough',
    title: 'MOPAC Public Attitude Survey: trust and confidence dashboard measures by borough, quarterly',
    ...PAS_SOURCE,
    download: {
      manual:
        'the Borough sheet of the PAS trust and confidence dashboard workbook (London Datastore "MOPAC Surveys", PAS_T&Cdashboard_to Q3 23-24.xlsx), as exported to CSV in the paul-rodenburg/JBG050-Group14 project (data/MOPAC survey/PAS_buroughs.csv) and converted from ";" and decimal commas to "," and decimal points, with ISO dates; the workbook is replaced at each release and its layout changes',
    },
    cadence: 'Quarterly (rolling 12 months to each quarter end)',
    coverage:
      '32 boroughs (no City of London) × 8 measures × 37 quarters, 31 December 2014 – 31 December 2023 ("Trust MPS" from 31 March 2016)',
    expectedColumns: ['quarter_end', 'survey', 'borough', 'measure', 'proportion', 'mps_proportion'],
    path: 'pas/mopac_pas_borough_quarterly_2014q4-2023q4.csv',
    caveats: [
      'Survey proportions, rolling 12 months to the quarter end, published to two decimal places (whole percentages); the file has no base sizes.',
      'No City of London: the PAS covers the Metropolitan Police area only.',
      'Borough names as published: "City of Westminster", and both "Richmond upon Thames" and "Richmond Upon Thames".',
    ],
  },
  {
    id: 'mopac-pas-mps',
    title: 'MOPAC Public Attitude Survey: trust and confidence dashboard measures for the whole MPS, quarterly',
    ...PAS_SOURCE,
    download: {
      manual:
        'the MPS sheet of the same PAS dashboard workbook, as exported to CSV in the paul-rodenburg/JBG050-Group14 project (data/MOPAC survey/PAS_Total.csv), with the same conversion',
    },
    cadence: 'Quarterly (rolling 12 months to each quarter end)',
    coverage: 'The Metropolitan Police area, 8 measures, 31 December 2014 – 31 December 2023',
    expectedColumns: ['quarter_end', 'survey', 'borough', 'measure', 'proportion'],
    path: 'pas/mopac_pas_mps_quarterly_2014q4-2023q4.csv',
    caveats: ['Survey proportions to two decimal places; no base sizes.'],
  },
] as const satisfies readonly Source[];

function monthName(period: string): string {
  return monthLong(period);
}

export type SourceId = (typeof SOURCES)[number]['id'];

export function source(id: SourceId): Source {
  const s = SOURCES.find((x) => x.id === id);
  if (!s) throw new Error(`unknown source ${id}`);
  return s;
}
