/** Types for eslint.config.mjs's named export (the layer rules the layer test reads). */
export interface Layer {
  root: string;
  allowed: string[];
  except?: string[];
  bare?: string;
  message: string;
}
export const LAYERS: Layer[];
declare const config: unknown[];
export default config;
