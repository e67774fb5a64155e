// @ts-check
/* global process */
import { defineConfig } from 'astro/config';
import { securityMeta } from './scripts/build/security-meta.ts';
import { verifyDerivedData } from './scripts/build/verify-derived.ts';

/**
 * The site is served under a base path, as on GitHub Pages project sites.
 * BASE_PATH and SITE_URL are set by the deploy workflow; the defaults serve a
 * local preview at http://127.0.0.1:4321/london-crime-analysis/.
 */
const base = process.env.BASE_PATH ?? '/london-crime-analysis/';
const site = process.env.SITE_URL ?? 'http://127.0.0.1:4321';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // concurrency 2: the link previews render on libuv's threads while the next pages are made.
  build: { format: 'directory', inlineStylesheets: 'always', assets: 'assets', concurrency: 2 },
  compressHTML: true,
  devToolbar: { enabled: false },
  // The derived data checked against their manifest's checksums before any page is made;
  // a Content Security Policy and a referrer policy in every built page (scripts by hash).
  integrations: [verifyDerivedData(), securityMeta()],
  server: { host: '127.0.0.1', port: 4321 },
  vite: {
    build: { assetsInlineLimit: 0 },
  },
});
