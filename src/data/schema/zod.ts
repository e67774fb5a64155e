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
