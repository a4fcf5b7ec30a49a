/**
 * Query strings are parsed into a record whose keys are only the parameters sent: a name that happens to
 * be a property of every object ("constructor", "toString", "__proto__") is an unknown parameter like
 * any other, never "repeated" and never dropped.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Request } from '../../../../functions/src/azf';
import { query } from '../../../../functions/src/http/input';
import { HttpError } from '../../../../functions/src/http/problem';

const Query = z.strictObject({ release: z.string().optional(), model: z.string().optional() });
const req = (search: string): Request => ({ query: new URLSearchParams(search) }) as unknown as Request;
const detail = (search: string): string => {
  try {
    query(req(search), Query);
  } catch (e) {
    if (e instanceof HttpError) return `${e.status} ${e.message}`;
    throw e;
  }
  return 'accepted';
};

describe('query', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__'])('?%s=1 is an unknown parameter', (name) => {
    const got = detail(`${name}=1`);
    expect(got).toMatch(/^400 /);
    expect(got).not.toMatch(/repeated/);
    expect(got).toContain(name);
    // The same answer as for any other name the route does not take.
    expect(got).toBe(detail(`nope=1`).replace('nope', name));
  });

  it('a parameter really sent twice is still "repeated"', () => {
    expect(detail('model=2025&model=2021')).toMatch(/^400 .*"model" is repeated/);
    expect(detail('constructor=1&constructor=2')).toMatch(/^400 .*"constructor" is repeated/);
  });

  it('known parameters still parse', () => {
    expect(query(req('release=r1&model=2025'), Query)).toEqual({ release: 'r1', model: '2025' });
  });
});
