import { projectionLambda } from './lambda-entry.ts';

export const handler = projectionLambda('statistics');
