/**
 * zod's tree-shakable flavour ("zod/mini": functions in place of methods, so a page ships
 * only the checks it uses) for every schema a page checks what it loads with: the files the
 * build publishes for the browser and the views' configurations. In a page's bundle it is
 * about a quarter of the size of zod's classic flavour (the atlas at LSOA level: 26 KB of
 * gzipped zod before, see tests/e2e/budget.spec.ts). Set up, like zod.ts, without run-time
 * compiled parsers ("jitless"), which the site's Content Security Policy forbids (no
 * 'unsafe-eval'), and with zod's English messages. The two flavours share one core: a schema of either kind is checked by the
 * same code, its errors are read by problemText, and the configuration applies to both.
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

// zod/mini loads no messages of its own ("Invalid input" for every problem): English ones
// (about 1 KB gzipped) so that a damaged file's error says what was expected.
z.config({ jitless: true, ...en() });

export { z };

/**
 * Where and why a value fails its schema, for an error message: "at a.b.3: <message>"
 * (or "at the top level"), with how many more problems there are. `under` names where
 * the value sits in its file, when it is a part of it.
 */
export function problemText(error: z.core.$ZodError, under = ''): string {
  const i = error.issues[0]!;
  const path = [under, ...i.path.map(String)].filter(Boolean).join('.');
  const more = error.issues.length - 1;
  return `at ${path || 'the top level'}: ${i.message}${more ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`;
}
