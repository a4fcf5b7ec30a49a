/**
 * The add-in's functions.json, derived from the definitions: Office reads it to register, autocomplete
 * and document every CIC function, so it is generated here rather than written a second time as JSDoc.
 * Shape per Microsoft's "Manually create JSON metadata for custom functions"; a test feeds the same
 * definitions through Microsoft's own JSDoc generator and expects the identical JSON.
 */
import type { CicFunctionDef } from './types';

export interface MetadataParam {
  name: string;
  description: string;
  type: 'number' | 'string' | 'boolean' | 'any';
  dimensionality?: 'matrix';
  optional?: true;
}

export interface MetadataFunction {
  id: string;
  name: string;
  description: string;
  helpUrl: string;
  parameters: MetadataParam[];
  result: { type?: 'number' | 'string' | 'boolean'; dimensionality?: 'matrix' };
}

export interface FunctionsMetadata {
  /** Lets an `any` result be an entity value (CIC.CARD) where the host supports data types. */
  allowCustomDataForDataTypeAny: true;
  functions: MetadataFunction[];
}

/** `helpBase` is the origin the add-in is served from; each function links to its section of help.html. */
export function functionsMetadata(defs: readonly CicFunctionDef[], helpBase: string): FunctionsMetadata {
  return {
    allowCustomDataForDataTypeAny: true,
    functions: defs.map((f) => ({
      id: f.id,
      name: f.id,
      description: f.description,
      helpUrl: `${helpBase}/help.html#${f.id}`,
      parameters: f.params.map((p) => ({
        name: p.name,
        description: p.description,
        type: p.type,
        ...(p.dimensionality === 'matrix' ? { dimensionality: 'matrix' as const } : {}),
        ...(p.optional ? { optional: true as const } : {}),
      })),
      // Office's default result type is any and dimensionality scalar: both are left out, as its generator does.
      result: {
        ...(f.result.type !== 'any' ? { type: f.result.type } : {}),
        ...(f.result.dimensionality === 'matrix' ? { dimensionality: 'matrix' as const } : {}),
      },
    })),
  };
}
