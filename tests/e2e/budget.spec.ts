/**
 * The size test: what a reader's browser loads for the first view of a page of every kind and
 * an embed of every kind of chart, at a desktop and a phone width (bench/first-view.ts: every
 * response until load, the chart drawings fetched for the figures near the viewport and the network
 * idle, at the gzip size dist/ serves — bytes, the same on any machine; the timings are the
 * benchmark's, npm run bench).
 *
 * The goals are 60 KB for a page and 40 KB for an embed. A page over its goal has a ceiling at
 * what it measured when it was set (bench/first-view.ts says which and why): it may not grow.
 */
import { test, expect } from '@playwright/test';
import { EMBED_CEILINGS, firstView, GOAL, PAGE_KINDS, VIEWPORTS } from '../../bench/first-view.ts';
import { embedsByKind } from './pages.ts';

const targets = [
  ...PAGE_KINDS.map((t) => ({ ...t, limit: (t.ceiling ?? 0) * 1024 || GOAL.page })),
  ...[...embedsByKind()].map(([kind, path]) => ({
    path,
    kind: `embed (${kind})`,
    ready: undefined as string | undefined,
    needs: undefined as string[] | undefined,
    limit: (EMBED_CEILINGS[kind] ?? 0) * 1024 || GOAL.embed,
  })),
];

for (const t of targets)
  test(`${t.kind} (/${t.path}): first view within ${(t.limit / 1024).toFixed(0)} KB gzip on a desktop and a phone`, async ({
    browser,
    baseURL,
  }) => {
    for (const vp of VIEWPORTS) {
      const ctx = await browser.newContext({ baseURL, viewport: { width: vp.width, height: vp.height } });
      const page = await ctx.newPage();
      const v = await firstView(page, new URL(t.path, baseURL).href, t.ready);
      for (const f of t.needs ?? [])
        expect(
          v.files.map((x) => x.path),
          `${vp.name}`,
        ).toContain(f);
      const list = v.files.map((f) => `${f.path || '/'} ${(f.bytes / 1024).toFixed(1)} KB`).join('\n');
      expect(v.total, `${vp.name}, ${(v.total / 1024).toFixed(1)} KB:\n${list}`).toBeLessThanOrEqual(t.limit);
      await ctx.close();
    }
  });
