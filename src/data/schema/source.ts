/** A figure's source line as the build writes it into a page's view configuration (FigureSource). */
import { z } from './zod.ts';

export const sourceSchema = z.object({ name: z.string(), publisher: z.string(), attribution: z.string(), licence: z.string(), url: z.string(), dataDate: z.string() });
/** A source of the registry, without a data date (each indicator or view states its own). */
export const registrySourceSchema = sourceSchema.omit({ dataDate: true });
