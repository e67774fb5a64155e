/**
 * An Astro integration that writes a Content Security Policy and a referrer policy into
 * every built page, as <meta> elements (GitHub Pages cannot send headers).
 *
 * Why not Astro's own CSP support: it hashes the site's inline styles into style-src,
 * and a policy with style hashes disallows inline style attributes and <style>
 * elements made at run time — which Observable Plot writes into every chart it draws in
 * the browser. Styles are therefore allowed inline ('unsafe-inline' in style-src; a
 * style cannot run script); scripts are held strictly: files from the site only, and
 * each inline script by its SHA-256 hash, read from the built page itself, with no
 * 'unsafe-inline' and no 'unsafe-eval'.
 *
 * What a <meta> policy cannot do (CSP Level 3, §6.1): frame-ancestors, report-uri and
 * sandbox are ignored there, so who may frame the embeds is not restricted by the site
 * (nor should it be: embedding them is their purpose).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Script types a browser runs: no type, a JavaScript MIME type, or "module". Data blocks (application/json) are not run. */
const RUNS = /^(?:|module|(?:text|application)\/(?:x-)?(?:java|ecma)script)$/i;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

export const REFERRER_POLICY = 'no-referrer';

/** The policy for one page, given the text of its inline scripts. */
export function policyFor(inlineScripts: string[]): string {
  // Hashed as the browser hashes a script: after the HTML parser has made every CR or CRLF a line feed.
  const hashes = [
    ...new Set(
      inlineScripts.map(
        (s) => `'sha256-${createHash('sha256').update(s.replace(/\r\n?/g, '\n'), 'utf8').digest('base64')}'`,
      ),
    ),
  ].sort();
  return [
    "default-src 'self'",
    `script-src 'self'${hashes.length ? ` ${hashes.join(' ')}` : ''}`,
    "style-src 'self' 'unsafe-inline'",
    // Downloads made in the page are blob: addresses: the PNG is drawn from the SVG download
    // (read back with fetch, drawn through an image). Nothing comes from outside the site.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self' blob:",
    "worker-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** The inline scripts a page runs, as written in it. */
export function inlineScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(SCRIPT)) {
    const attrs = m[1] ?? '';
    if (/\bsrc\s*=/i.test(attrs)) continue;
    const type =
      /\btype\s*=\s*"([^"]*)"/i.exec(attrs)?.[1] ??
      /\btype\s*=\s*'([^']*)'/i.exec(attrs)?.[1] ??
      /\btype\s*=\s*([^\s>]+)/i.exec(attrs)?.[1] ??
      '';
    if (RUNS.test(type.trim())) out.push(m[2] ?? '');
  }
  return out;
}

/** The page with its policy and referrer policy, placed at once after <meta charset> (before anything that loads). */
export function withSecurityMeta(html: string, file: string): string {
  if (html.includes('http-equiv="content-security-policy"'))
    throw new Error(`${file}: already has a Content Security Policy`);
  const charset = /<meta charset="?utf-8"?\s*\/?>/i.exec(html);
  if (!charset) throw new Error(`${file}: no <meta charset="utf-8"> to place the Content Security Policy after`);
  const at = charset.index + charset[0].length;
  const meta = `<meta http-equiv="content-security-policy" content="${policyFor(inlineScripts(html))}"><meta name="referrer" content="${REFERRER_POLICY}">`;
  return html.slice(0, at) + meta + html.slice(at);
}

const htmlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  );

export function securityMeta(): AstroIntegration {
  return {
    name: 'lca-security-meta',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const files = htmlFiles(fileURLToPath(dir));
        for (const f of files) writeFileSync(f, withSecurityMeta(readFileSync(f, 'utf8'), f));
        logger.info(`Content Security Policy and referrer policy written into ${files.length} pages`);
      },
    },
  };
}
