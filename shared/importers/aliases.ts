/**
 * Friendly names for the most-used children's social care measures, as analysts say them. Lower-case;
 * each must be unique across the release and never another indicator's key or name (checked at build).
 */
export const INDICATOR_ALIASES: Readonly<Record<string, readonly string[]>> = {
  LACStable_2016on: ['placement stability', '3+ placements', 'short-term placement stability'],
  'LAC_LongStable%': ['long-term stability', 'long-term placement stability'],
  LAC: ['cla rate', 'looked after rate'],
  LACnum: ['cla number', 'number of cla'],
  LAC_Foster_Placements: ['in foster care', 'fostered %'],
  LACDistance: ['placed over 20 miles', 'placements over 20 miles'],
  Stability_SocialWorker: ['social worker changes', 'social worker instability'],
  ReReferral: ['re-referrals', 're-referral rate'],
  PrevRegCPR: ['repeat cp plans', 'second or subsequent cp plans'],
  CPPlans2yrsActive: ['cp plans 2+ years', 'cp plans lasting 2 years'],
  CIN: ['cin rate', 'children in need rate'],
  CPP_rate: ['cp rate', 'cpp rate'],
  'CPP_Total_Rateper10,000': ['referral rate'],
  Section_47: ['s47 rate', 'section 47 rate'],
  Continue_Assess_Comp: ['assessments in 45 days', 'assessment timeliness'],
  Work_Force_TO_Rate: ['social worker turnover'],
  Work_Force_Vac_Rate: ['vacancy rate', 'social worker vacancies'],
  Work_Force_Agecy_Rate: ['agency rate', 'agency social workers'],
  Work_Force_AvgNumCase_SW: ['caseload', 'average caseload'],
  CareLeaverEET: ['care leavers eet'],
  CareLeaverAcc: ['care leavers accommodation'],
  LACFinance: ['cla unit cost'],
  FosteringFinance: ['fostering unit cost'],
  RescareFinance: ['residential unit cost'],
};
