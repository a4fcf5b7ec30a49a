/**
 * Issue 19 item 8: after re-pinning, the pane has Excel recalculate the workbook itself (a full
 * recalculation, which calls every custom function again), instead of asking for Ctrl+Alt+F9.
 */
import { describe, expect, it } from 'vitest';
import { pinWorkbook, type ExcelRun } from '../../../addin/taskpane/pin-workbook';
import { mockExcel } from './excel-mock';

/** What happened, in order: the pin, then each Excel.run's recalculations. */
function standIn(options: { pinFails?: boolean; calculateFails?: boolean } = {}) {
  const events: string[] = [];
  const { context, calculations } = mockExcel();
  const source = {
    repin: async (id: string | null) => {
      if (options.pinFails) throw new Error('the store refused');
      events.push(`repin ${String(id)}`);
    },
  };
  const run: ExcelRun = async (work) => {
    if (options.calculateFails) throw new Error('busy editing a cell');
    const before = calculations.length;
    await work(context);
    events.push(...calculations.slice(before).map((t) => `calculate ${t}`));
  };
  return { events, source, run };
}

describe('re-pinning in Excel', () => {
  it('pins, then has Excel recalculate the whole workbook (CalculationType.full)', async () => {
    const { events, source, run } = standIn();
    const said = await pinWorkbook(source, 'dfe-lait-2025-11', run);
    expect(events).toEqual(['repin dfe-lait-2025-11', 'calculate Full']);
    expect(said).toBe('Workbook pinned to release dfe-lait-2025-11; every CIC cell recalculated on it.');
    expect(said).not.toMatch(/Ctrl\+Alt\+F9/);
  });

  it('a pin that fails recalculates nothing and rejects', async () => {
    const { events, source, run } = standIn({ pinFails: true });
    await expect(pinWorkbook(source, 'x-1', run)).rejects.toThrow('the store refused');
    expect(events).toEqual([]);
  });

  it('when Excel refuses to recalculate, the pin holds and the pane says how to recalculate by hand', async () => {
    const { events, source, run } = standIn({ calculateFails: true });
    const said = await pinWorkbook(source, 'x-1', run);
    expect(events).toEqual(['repin x-1']);
    expect(said).toMatch(/^Workbook pinned to release x-1, but Excel could not recalculate it \(busy editing a cell\): press Ctrl\+Alt\+F9/);
  });

  it('outside Excel only the pane switches release: nothing to recalculate', async () => {
    const { events, source } = standIn();
    expect(await pinWorkbook(source, 'x-1', null)).toMatch(/^No workbook is open/);
    expect(events).toEqual(['repin x-1']);
  });
});
