/**
 * zod's classic flavour, set up once for the schemas only the build and the pipeline use
 * (the manifest, the CSV cells): without its run-time compiled parsers ("jitless"). zod
 * otherwise probes for them with `Function('')`, which the site's Content Security Policy
 * forbids (no 'unsafe-eval'). Schemas a page checks its loads with are written with
 * zod/mini (mini.ts), which a page's bundle can shake down to the checks it uses.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
export { problemText } from './mini.ts';
