import { createFundingProjection } from './funding.ts';
import { projectionHandler } from './projection-entry.ts';

export const handler = projectionHandler(createFundingProjection);
