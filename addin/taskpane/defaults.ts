/** The children's social care measures the pane offers first (shared/research-data/README.md). */
export const DEFAULT_INDICATORS = [
  'LACStable_2016on',
  'LAC_LongStable%',
  'LAC',
  'LAC_Foster_Placements',
  'LACDistance',
  'Stability_SocialWorker',
  'ReReferral',
  'PrevRegCPR',
  'CPPlans2yrsActive',
];
