/**
 * Placement types whose central default weekly cost is a LAIT finance measure: S251/outturn weekly
 * unit costs by LA and England (2016-17 to 2024-25). Only the measures whose denominator is a child or
 * placement in care; `SWFinance` (per child in need) and `SENFinance` (per pupil with a statement) are
 * weekly unit costs too but price no placement.
 */
import type { UnitCostType } from '../release/schema';

export const UNIT_COST_TYPES: readonly UnitCostType[] = [
  {
    type: 'All children looked after',
    aliases: ['cla', 'looked after', 'lac', 'all placements'],
    measure: 'LACFinance',
    description: 'Weekly cost per child looked after: total children-looked-after outturn ÷ children looked after at 31 March ÷ 365 × 7, rounded to £5.',
  },
  {
    type: 'Fostering',
    aliases: ['foster', 'foster care', 'fostering services'],
    measure: 'FosteringFinance',
    description:
      'Weekly cost per foster placement: fostering services outturn (in-house and purchased, fees and allowances, support staff) ÷ foster placements at 31 March ÷ 365 × 7, rounded to £5.',
  },
  {
    type: 'Residential care',
    aliases: ['residential', 'rescare', "children's homes", 'residential placement'],
    measure: 'RescareFinance',
    description:
      "Weekly cost per child in residential care: residential care outturn ÷ residential care days (secure units, children's homes, residential care homes, residential schools) × 7, rounded to £5.",
  },
  {
    type: 'Adoption',
    aliases: ['adopt', 'adoption services', 'placed for adoption'],
    measure: 'AdoptionFinance',
    description:
      'Weekly cost per child freed for adoption or with a placement order: adoption services outturn (allowances, staff, support) ÷ those children at 31 March ÷ 365 × 7, rounded to £5.',
  },
];
