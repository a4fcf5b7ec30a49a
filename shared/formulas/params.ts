/** The parameters many CIC functions share, written once: their names and help text are part of the contract. */
import type { ParamDef } from './types';

export const PARAM = {
  indicator: { name: 'indicator', type: 'string', description: 'LAIT measure key such as "LACStable_2016on", or an alias; see =CIC.INDICATORS()' },
  la: { name: 'la', type: 'any', description: 'Local authority: DfE number (855), ONS code (E10000018) or name' },
  year: { name: 'year', type: 'any', optional: true, description: 'Year as published, e.g. 2025 or "2024-25"; default: the latest' },
  level: { name: 'level', type: 'number', optional: true, description: 'Confidence level: 0.95 (default) or e.g. 0.998' },
  polarityOrIndicator: {
    name: 'polarity_or_indicator',
    type: 'string',
    optional: true,
    description: '"High", "Low", blank for none, or an indicator key whose polarity to use',
  },
} satisfies Record<string, ParamDef>;
