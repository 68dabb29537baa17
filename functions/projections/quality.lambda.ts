import { createQualityProjection } from './quality.ts';
import { projectionHandler } from './projection-entry.ts';

export const handler = projectionHandler(createQualityProjection);
