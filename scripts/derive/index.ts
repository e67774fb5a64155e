import type { DeriveModule } from '../lib/context.ts';
import mpsBoroughMonthly from './mps_borough_monthly.ts';
import boroughPopulation from './borough_population.ts';
import londonBoroughsTopo from './london_boroughs.topo.ts';

/** Every derive module, one per output file. Add a new output here. */
export const MODULES: DeriveModule[] = [mpsBoroughMonthly, boroughPopulation, londonBoroughsTopo];
