/**
 * What every benchmark shares: dist/ served as GitHub Pages serves it (gzip, under the base
 * path, on a port the system gives, so a benchmark never meets the end-to-end server), the
 * browser, the statistics and the results file with the machine it was measured on.
 */
import { createServer, type Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath, LAUNCH_ARGS } from '../tests/e2e/browser.ts';

export const BASE = process.env.BASE_PATH ?? '/london-crime-analysis/';
export const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Site {
  origin: string;
  /** the address of a page or file of the site, by its path under the base */
  url: (path: string) => string;
  stop: () => Promise<void>;
}

/** Serves dist/ under the base path, gzipped where the browser asks for it, on a free port. */
export async function serveDist(dir = process.env.BENCH_DIST ?? 'dist'): Promise<Site> {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir}/ has no index.html: run npm run build first`);
  const gz = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(BASE)) return void res.writeHead(404).end();
    let file = normalize(join(dir, path.slice(BASE.length)));
    if (!file.startsWith(normalize(dir))) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    const body = readFileSync(file);
    const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && extname(file) !== '.png') {
      if (!gz.has(file)) gz.set(file, gzipSync(body));
      headers['content-encoding'] = 'gzip';
      return void res.writeHead(200, headers).end(gz.get(file));
    }
    res.writeHead(200, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (p: string) => origin + BASE + p.replace(/^\//, ''),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: chromiumPath(), args: LAUNCH_ARGS });

/** The median (the mean of the two middle values for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
/** The q-quantile, nearest rank. */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}
export const stats = (xs: number[]) => ({
  median: median(xs),
  p95: quantile(xs, 0.95),
  min: Math.min(...xs),
  max: Math.max(...xs),
});

/** The machine and browser a benchmark ran on, for its results file. */
export function machine(): string {
  const chromium = (() => {
    try {
      return execFileSync(chromiumPath() ?? 'chromium', ['--version'])
        .toString()
        .trim();
    } catch {
      return 'Chromium (version unknown)';
    }
  })();
  const cpu = cpus()[0]?.model.trim() ?? 'CPU model unknown';
  return `${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpu}), Node ${process.version}, ${chromium}`;
}

/** Writes a results file (Markdown) and prints it. */
export function writeResults(file: string, lines: string[]): void {
  writeFileSync(file, lines.join('\n') + '\n');
  console.log(lines.join('\n'));
}
