/**
 * Names typed by a user are looked up among the release's own entries only: "toString" or "constructor"
 * as a statistical-neighbour model is an unknown model, not a model without neighbours.
 */
import { describe, expect, test } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { CellError } from '../../../../shared/excel/errors';
import { functionById } from '../../../../shared/formulas/index';
import { invoke } from '../../../../shared/formulas/invoke';
import { ReleaseIndex } from '../../../../shared/release/release-index';

const index = new ReleaseIndex(readReleaseFile());
const cat = index.catalog();
const leics = cat.la(855);

describe('neighbour models are the release’s own', () => {
  test.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])('model %j is an unknown model', (model) => {
    let err: unknown;
    try {
      cat.neighboursOf(leics, model);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CellError);
    expect(err).toMatchObject({ code: '#VALUE!' });
    expect((err as CellError).message).toMatch(/^Unknown statistical-neighbour model ".+"; available: 2021, 2025$/);
  });

  test('CIC.NEIGHBOURS and CIC.SNAVG say so too', async () => {
    const neighbours = await invoke(functionById('NEIGHBOURS')!, index, ['Leicestershire', 'toString']);
    expect(neighbours).toMatchObject({ code: '#VALUE!', message: expect.stringMatching(/^Unknown statistical-neighbour model "tostring"/i) });
    const snavg = await invoke(functionById('SNAVG')!, index, ['LACStable_2016on', 'Leicestershire', null, null, 'constructor']);
    expect(snavg).toMatchObject({ code: '#VALUE!', message: expect.stringMatching(/^Unknown statistical-neighbour model/) });
  });

  test('real models still answer', () => {
    expect(cat.neighboursOf(leics, '2025')).toHaveLength(10);
    expect(cat.neighboursOf(leics, '2021').length).toBeGreaterThan(0);
  });
});
