import type { ServiceAssessmentState } from './assessment.ts';
import type { ServiceStandard } from './service-standard.ts';

// The pass rate of the agencies under a bureau against the standard's target (seed 002: 达标率90%以上)
// and the share of model stations among its workstations (seed 003: 示范点不少于20%). Only inspected
// assessments count: a self-assessment alone passes nobody. Null rates when nothing was inspected.

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export const passRates = (
  assessments: readonly ServiceAssessmentState[],
  standards: { agency: ServiceStandard | null; workstation: ServiceStandard | null },
) => {
  const inspected = assessments.filter((a) => a.status === 'inspected' && a.inspection);
  const agencies = inspected.filter((a) => a.subject === 'agency');
  const stations = inspected.filter((a) => a.subject === 'workstation');
  const agencyRate = share(agencies.filter((a) => a.inspection!.passed).length, agencies.length);
  const agencyTarget = standards.agency?.targetPassRate ?? null;
  const models = stations.filter((a) => a.inspection!.modelStation === true).length;
  const modelShare = share(models, stations.length);
  const modelTarget = standards.workstation?.modelStation?.targetShare ?? null;
  return {
    agencies: {
      standardId: standards.agency?.id ?? null,
      assessed: agencies.length,
      passed: agencies.filter((a) => a.inspection!.passed).length,
      passRate: agencyRate,
      target: agencyTarget,
      met: agencyRate === null || agencyTarget === null ? null : agencyRate >= agencyTarget,
      organisations: agencies.map((a) => ({ organisationId: a.organisationId!, total: a.inspection!.total, passed: a.inspection!.passed })),
    },
    workstations: {
      standardId: standards.workstation?.id ?? null,
      assessed: stations.length,
      passed: stations.filter((a) => a.inspection!.passed).length,
      modelStations: models,
      modelShare,
      target: modelTarget,
      met: modelShare === null || modelTarget === null ? null : modelShare >= modelTarget,
      organisations: stations.map((a) => ({
        organisationId: a.organisationId!,
        total: a.inspection!.total,
        passed: a.inspection!.passed,
        modelStation: a.inspection!.modelStation === true,
      })),
    },
  };
};
