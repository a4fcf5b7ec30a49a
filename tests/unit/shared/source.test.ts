import { describe, expect, it } from 'vitest';
import { CellError, naError } from '../../../shared/excel/errors';
import { defectOf, invoke } from '../../../shared/formulas/invoke';
import type { CicFunctionDef } from '../../../shared/formulas/types';
import { all, Pending, read, whenReady, type BenchmarkSource } from '../../../shared/source';

/** A reader over values that arrive when `arrive` is called. */
function later<T>(value: T) {
  let arrived = false;
  let resolve!: () => void;
  const ready = new Promise<void>((r) => (resolve = r));
  return {
    get: (): T => {
      if (!arrived) throw new Pending(ready);
      return value;
    },
    arrive: () => ((arrived = true), resolve()),
  };
}

const def = (run: CicFunctionDef['run']): CicFunctionDef => ({
  id: 'TEST',
  description: 'test',
  params: [{ name: 'x', type: 'any', optional: true, description: 'x' }],
  result: { type: 'any', dimensionality: 'scalar' },
  data: 'release',
  run,
});
const noSource = {} as BenchmarkSource;

describe('whenReady: one synchronous call path', () => {
  it('answers at once when nothing is pending: no promise', () => {
    expect(whenReady(() => 42)).toBe(42);
  });

  it('waits for a Pending and runs the reader again', async () => {
    const v = later(7);
    let runs = 0;
    const out = whenReady(() => (runs++, v.get() * 2));
    expect(out).toBeInstanceOf(Promise);
    v.arrive();
    expect(await out).toBe(14);
    expect(runs).toBe(2);
  });

  it('all() asks for every missing item at once: one wait, not one per item', async () => {
    const items = [later(1), later(2), later(3)];
    let runs = 0;
    const out = read(() => (runs++, all(items, (i) => i.get()).reduce((a, b) => a + b, 0)));
    for (const i of items) i.arrive();
    expect(await out).toBe(6);
    expect(runs).toBe(2);
  });

  it('a failed load rejects; a source that never fills in gives up instead of looping', async () => {
    await expect(
      read(() => {
        throw new Pending(Promise.reject(naError('service down')));
      }),
    ).rejects.toThrow('service down');
    await expect(
      read(() => {
        throw new Pending(Promise.resolve());
      }),
    ).rejects.toThrow('did not arrive');
  });
});

describe('invoke: one error boundary', () => {
  it('a domain error keeps its code and message', () => {
    const out = invoke(
      def(() => {
        throw naError('no data');
      }),
      noSource,
      [],
    );
    expect(out).toBeInstanceOf(CellError);
    expect((out as CellError).code).toBe('#N/A');
  });

  it('a defect is #VALUE! "internal error" carrying the exception for the log, never #N/A (which means no data)', async () => {
    const bug = def(() => (undefined as unknown as { x: number }).x);
    const out = invoke(bug, noSource, []) as CellError;
    expect(out.code).toBe('#VALUE!');
    expect(out.message).toMatch(/internal error.*TypeError/);
    expect(defectOf(out)).toBeInstanceOf(TypeError);
    const domain = def(() => {
      throw naError('no data');
    });
    expect(defectOf(invoke(domain, noSource, []))).toBeUndefined();
    // The same after waiting for data.
    const v = later(1);
    const p = invoke(
      def(() => (v.get(), (null as unknown as { y: number }).y)),
      noSource,
      [],
    );
    v.arrive();
    const late = (await p) as CellError;
    expect(late.message).toMatch(/internal error/);
    expect(defectOf(late)).toBeInstanceOf(TypeError);
  });

  it("a failed read is the cell's error at once, never a retry that asks again", async () => {
    let reads = 0;
    const down = def(() => {
      reads++;
      throw new Pending(Promise.reject(naError('Benchmark service unreachable')));
    });
    const out = (await invoke(down, noSource, [])) as CellError;
    expect(out.code).toBe('#N/A');
    expect(out.message).toContain('unreachable');
    expect(reads).toBe(1);
  });

  it('cells waiting on one Pending are one group: one promise reaction runs them all', async () => {
    let reactions = 0;
    let resolve!: () => void;
    const ready = new Promise<void>((r) => (resolve = r));
    const counted = { then: (ok: () => void, bad: (e: unknown) => void) => (reactions++, ready.then(ok, bad)) } as unknown as PromiseLike<unknown>;
    let arrived = false;
    const wait = new Pending(counted);
    const d = def(() => {
      if (!arrived) throw wait;
      return 1;
    });
    const cells = Array.from({ length: 1000 }, () => invoke(d, noSource, []));
    arrived = true;
    resolve();
    expect(await Promise.all(cells)).toEqual(Array.from({ length: 1000 }, () => 1));
    expect(reactions).toBe(1);
  });

  it('answers synchronously over data in memory and settles after it arrives', async () => {
    const v = later(5);
    const d = def(() => v.get());
    const first = invoke(d, noSource, []);
    expect(first).toBeInstanceOf(Promise);
    v.arrive();
    expect(await first).toBe(5);
    expect(invoke(d, noSource, [])).toBe(5);
  });
});
