import type { APIRoute } from 'astro';
import { loadManifest } from '../../data/manifest.ts';
import { readDerivedText as readDerived } from '../../data/read.ts';

/** Every derived file, and the manifest, published for download under /data/. */
export function getStaticPaths() {
  return [...loadManifest().outputs.map((o) => o.file), 'manifest.json'].map((file) => ({ params: { file } }));
}
const TYPES: Record<string, string> = { csv: 'text/csv; charset=utf-8', json: 'application/json' };
export const GET: APIRoute = ({ params }) => {
  const file = params.file!;
  return new Response(readDerived(file), {
    headers: { 'Content-Type': TYPES[file.split('.').pop()!] ?? 'application/octet-stream' },
  });
};
