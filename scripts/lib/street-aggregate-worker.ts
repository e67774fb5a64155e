/** Worker thread of aggregateArchive: aggregates one byte range of an archive file and posts the groups back. */
import { parentPort, workerData } from 'node:worker_threads';
import { aggregateRange } from './street-aggregate.ts';
import { readCrimeTypes } from './police-uk.ts';

const { file, start, end, header, typesFile } = workerData as { file: string; start: number; end: number; header: string[] | null; typesFile: string };
try {
  const r = aggregateRange(file, readCrimeTypes(typesFile), { start, end, firstLine: 1 }, header ?? undefined);
  parentPort!.postMessage({ rows: r.rows, groups: [...r.groups] });
} catch (e) {
  parentPort!.postMessage({ rows: 0, groups: [], error: (e as Error).message });
}
