/**
 * zod, set up once for the whole project: without its run-time compiled parsers
 * ("jitless"). zod otherwise probes for them with `Function('')`, which the site's
 * Content Security Policy forbids (no 'unsafe-eval'): the probe fails safely but is
 * reported as a violation on every page that validates data in the browser.
 * Every schema module imports zod from here.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };

/**
 * Where and why a value fails its schema, for an error message: "at a.b.3: <message>"
 * (or "at the top level"), with how many more problems there are. `under` names where
 * the value sits in its file, when it is a part of it.
 */
export function problemText(error: z.ZodError, under = ''): string {
  const i = error.issues[0]!;
  const path = [under, ...i.path.map(String)].filter(Boolean).join('.');
  const more = error.issues.length - 1;
  return `at ${path || 'the top level'}: ${i.message}${more ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`;
}
