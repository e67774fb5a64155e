/**
 * The hotspots page's Web Worker: holds the data sets it has been sent and runs
 * the analysis (grid, KDE, Gi*, streets, places, street segments, concentration,
 * space-time, PAI) and the grid-stability check off the main thread, so the page
 * never freezes. A grid too large to compute is refused with a message.
 */
import { analyse, stabilityOf, type Analysis, type AnalysisOptions, type HotspotDataset } from '../lib/hotspots/dataset.ts';

const datasets = new Map<string, HotspotDataset>();

export type WorkerRequest =
  | { type: 'load'; id: string; dataset: HotspotDataset }
  | { type: 'analyse'; seq: number; id: string; options: AnalysisOptions };

/** What the worker sends back for an analysis. */
export type WorkerReply =
  | { type: 'result'; seq: number; analysis: Analysis; stab: ReturnType<typeof stabilityOf>; ms: number }
  | { type: 'error'; seq: number; message: string };
const reply = (r: WorkerReply) => (self as unknown as Worker).postMessage(r);

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
    const stab = stabilityOf(d, a);
    reply({ type: 'result', seq: m.seq, analysis: a, stab, ms: performance.now() - t0 });
  } catch (err) {
    reply({ type: 'error', seq: m.seq, message: (err as Error).message });
  }
};
