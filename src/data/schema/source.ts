/** A figure's source line as the build writes it into a page's view configuration (FigureSource). */
import { z } from './mini.ts';

const registry = {
  name: z.string(),
  publisher: z.string(),
  attribution: z.string(),
  licence: z.string(),
  url: z.string(),
};
export const sourceSchema = z.object({ ...registry, dataDate: z.string() });
/** A source of the registry, without a data date (each indicator or view states its own). */
export const registrySourceSchema = z.object(registry);
