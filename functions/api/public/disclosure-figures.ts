import type { Period } from '../../../domain/statistics/period.ts';
import type { Registry } from '../../../domain/organisation/registry.ts';
import type { ReadModelsTableRef } from '../../lib/read-models/read-model-table.ts';
import { statisticsOf } from '../../lib/reports/statistics-of.ts';

// The one place the public disclosure reads figures: the read function the monthly and annual
// reports use (the statistics counters), so the published numbers are the reports' own.

export const disclosureFiguresOf = (readModels: ReadModelsTableRef, registry: Registry, provinceId: string, period: Period, now: string) =>
  statisticsOf(readModels, registry, provinceId, period, now);
