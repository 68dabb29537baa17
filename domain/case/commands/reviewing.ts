import {
  AidGranted,
  AidProvidedBeforeReview,
  AidRefused,
  MaterialsRequested,
  MaterialsSupplied,
  MeansAssessed,
  MeansCheckWaived,
  MeansTestExempted,
} from '../../../events/catalogue/deciding-events.ts';

/** Review of an application (Art 32, 34, 41–44). Role: agency reviewer. Decision times are the decider's `now`. */
export const reviewingCommandSchemas = {
  RequestMaterials: MaterialsRequested.schema.omit({ requestedAt: true }),
  SupplyMaterials: MaterialsSupplied.schema,
  AssessMeans: MeansAssessed.schema.omit({ assessedAt: true }),
  ExemptFromMeansTest: MeansTestExempted.schema.omit({ exemptedAt: true }),
  WaiveMeansCheck: MeansCheckWaived.schema.omit({ waivedAt: true, ruleSetId: true }),
  ProvideAidBeforeReview: AidProvidedBeforeReview.schema.omit({ providedAt: true }),
  GrantAid: AidGranted.schema.pick({ legalBasis: true }),
  RefuseAid: AidRefused.schema.omit({ decidedAt: true, preliminaryOpinion: true }),
};
