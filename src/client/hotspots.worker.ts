/**
 * The hotspots page's Web Worker: holds the data sets it has been sent and runs
 * the analysis (grid, KDE, Gi*, streets, concentration, space-time, PAI) off the
 * main thread, so the page never freezes.
 */
import { analyse, type AnalysisOptions, type HotspotDataset } from '../lib/hotspots/dataset.ts';

const datasets = new Map<string, HotspotDataset>();

export type WorkerRequest =
  | { type: 'load'; id: string; dataset: HotspotDataset }
  | { type: 'analyse'; seq: number; id: string; options: AnalysisOptions };

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const m = e.data;
  if (m.type === 'load') {
    datasets.set(m.id, m.dataset);
    return;
  }
  try {
    const d = datasets.get(m.id);
    if (!d) throw new Error(`data set ${m.id} has not been loaded`);
    const t0 = performance.now();
    const a = analyse(d, m.options);
    (self as unknown as Worker).postMessage({ type: 'result', seq: m.seq, analysis: a, ms: performance.now() - t0 });
  } catch (err) {
    (self as unknown as Worker).postMessage({ type: 'error', seq: m.seq, message: (err as Error).message });
  }
};
