/** The build's own checks: derived data against their manifest, and the security policy written into pages. */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { derivedProblems } from '../../scripts/build/verify-derived.ts';
import { inlineScripts, policyFor, withSecurityMeta } from '../../scripts/build/security-meta.ts';

describe('derived data against the manifest', () => {
  const make = () => {
    const dir = mkdtempSync(join(tmpdir(), 'lca-derived-'));
    const files = { 'a.csv': 'code,value\nE09000001,1\n', 'b.json': '{"x":1}\n' };
    for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
    const outputs = Object.entries(files).map(([file, t]) => ({
      file,
      bytes: Buffer.byteLength(t),
      sha256: createHash('sha256').update(t).digest('hex'),
    }));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ outputs }));
    return dir;
  };
  it('passes files as derived', async () => expect(await derivedProblems(make())).toEqual([]));
  it('names a hand-edited file, a missing one and a stray one', async () => {
    const dir = make();
    appendFileSync(join(dir, 'a.csv'), 'E09000002,2\n');
    mkdirSync(join(dir, 'extra'));
    writeFileSync(join(dir, 'extra', 'c.csv'), 'x\n');
    rmSync(join(dir, 'b.json'));
    const p = await derivedProblems(dir);
    expect(p).toHaveLength(3);
    expect(p).toContainEqual(expect.stringMatching(/b\.json: listed in the manifest but missing\./));
    expect(p[0]).toMatch(
      /a\.csv: its SHA-256 is [0-9a-f]{12}…, the manifest records [0-9a-f]{12}… \(35 bytes; the manifest 23\): the file was changed after it was derived\./,
    );
    expect(p.at(-1)).toMatch(/extra\/c\.csv: not in the manifest/);
  });
  it('names a missing manifest', async () =>
    expect((await derivedProblems(mkdtempSync(join(tmpdir(), 'lca-derived-'))))[0]).toMatch(
      /manifest\.json: missing; run "npm run data"/,
    ));
});

describe('the Content Security Policy of a page', () => {
  const page = (body: string) =>
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;
  it('hashes the scripts a browser runs, not data blocks or scripts from files', () => {
    const html = page(
      '<script>var a=1;</script><script type="module">import "x";</script><script type="application/json">{"a":"</scr"}</script><script src="/x.js"></script>',
    );
    expect(inlineScripts(html)).toEqual(['var a=1;', 'import "x";']);
    const policy = policyFor(inlineScripts(html));
    expect(policy).toContain(`'sha256-${createHash('sha256').update('var a=1;').digest('base64')}'`);
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    // A page saved with CRLF line ends: the browser hashes the script with line feeds.
    expect(policyFor(['a=1;\r\nb=2;'])).toContain(
      `'sha256-${createHash('sha256').update('a=1;\nb=2;').digest('base64')}'`,
    );
  });
  it('places the policy at once after the character set, and refuses a page without one', () => {
    expect(withSecurityMeta(page(''), 'p.html')).toMatch(
      /^<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self'; /,
    );
    expect(() => withSecurityMeta('<html><head><title>t</title></head></html>', 'q.html')).toThrow(
      /q\.html: no <meta charset="utf-8">/,
    );
  });
});
