/**
 * The hotspots page's Web Worker: holds the data sets it has been sent and runs the
 * analysis (grid, KDE, Gi*, streets, places, street segments, concentration, space-time,
 * PAI) and the grid-stability check off the main thread, so the page never freezes. A
 * grid too large to compute is refused with a message.
 */
import {
  analyse,
  stabilityOf,
  type AnalysisOptions,
  type HotspotDataset,
  type HotspotResult,
} from '../lib/hotspots/dataset.ts';
import { serve } from './rpc.ts';

const datasets = new Map<string, HotspotDataset>();

export type HotspotRequest =
  { type: 'load'; id: string; dataset: HotspotDataset } | { type: 'analyse'; id: string; options: AnalysisOptions };

serve({
  load: (m: Extract<HotspotRequest, { type: 'load' }>) => void datasets.set(m.id, m.dataset),
  analyse: (m: Extract<HotspotRequest, { type: 'analyse' }>): HotspotResult => {
    const d = datasets.get(m.id);
    if (!d) throw new Error(`data set ${m.id} has not been loaded`);
    const t0 = performance.now();
    const analysis = analyse(d, m.options);
    return { analysis, stab: stabilityOf(d, analysis), ms: performance.now() - t0 };
  },
});
