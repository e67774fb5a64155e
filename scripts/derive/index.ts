import type { DeriveModule } from '../lib/context.ts';
import mpsBoroughMonthly from './mps_borough_monthly.ts';
import boroughPopulation from './borough_population.ts';
import londonBoroughsTopo from './london_boroughs.topo.ts';
import onsPfaTables from './ons_pfa_tables.ts';
import onsPfaReleases from './ons_pfa_releases.ts';
import onsPfaCounts2025 from './ons_pfa_counts_ye2025-06.ts';
import onsCspLondon2025 from './ons_csp_london_ye2025-06.ts';
import policeForceAreasTopo from './police_force_areas.topo.ts';
import { atlasModule } from './atlas_levels.ts';
import mpsWardMonthly, { wardVwiModule } from './mps_ward_monthly.ts';
import mpsKnifeCrimeMonthly from './mps_knife_crime_monthly.ts';
import mpsHomicideAccused from './mps_homicide_accused.ts';
import cityWardMonthly from './city_ward_monthly.ts';
import hotspotDatasets from './hotspot_datasets.ts';
import pasBoroughQuarterly from './pas_borough_quarterly.ts';
import { indicatorsCsv, indicatorsJson } from './indicators.ts';
import { LEVELS } from '../lib/atlas.ts';
import { AREA_TOPOLOGIES, areaTopologyModule } from './area_boundaries.ts';
import lsoaContiguity from './lsoa_2021_contiguity.ts';

/** Every derive module, one per output file. Add a new output here. */
export const MODULES: DeriveModule[] = [
  mpsBoroughMonthly,
  boroughPopulation,
  londonBoroughsTopo,
  onsPfaTables,
  onsPfaReleases,
  onsPfaCounts2025,
  onsCspLondon2025,
  policeForceAreasTopo,
  mpsWardMonthly,
  wardVwiModule,
  mpsKnifeCrimeMonthly,
  mpsHomicideAccused,
  cityWardMonthly,
  hotspotDatasets,
  pasBoroughQuarterly,
  ...LEVELS.map(atlasModule),
  indicatorsCsv,
  indicatorsJson,
  ...AREA_TOPOLOGIES.map(areaTopologyModule),
  lsoaContiguity,
];
