/** Storage outage: a killed emulator gives 503 + Retry-After (never a hang or a 500), and the service recovers when it returns. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { syntheticRelease } from './fixture';
import { expectProblem, json, startStack, type Stack } from './stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ CIC_CURRENT_TTL_MS: '100' });
  const r = syntheticRelease('outage-1');
  await stack.store.putRelease(r);
  await stack.store.publish(r.id);
});
afterAll(() => stack?.close());

test('503 with Retry-After while storage is down, full recovery after', async () => {
  expect((await stack.api('/api/distributions/KS2_RWM')).status).toBe(200);
  await stack.azurite.stop();
  await new Promise((r) => setTimeout(r, 150)); // let the cached pointer expire

  for (const path of ['/api/health', '/api/distributions/LACStable_2016on', '/api/releases', '/api/releases/current']) {
    const started = Date.now();
    const res = await stack.api(path);
    expect(res.headers.get('retry-after'), path).toMatch(/^\d+$/);
    await expectProblem(res, 503);
    expect(Date.now() - started, `${path} answered quickly`).toBeLessThan(5000);
  }
  await expectProblem(await stack.api('/api/lookup', json({ items: [{ fn: 'COUNT', args: ['KS2_RWM'] }] })), 503);
  // Release-qualified data already in this instance's memory is immutable: still served.
  expect((await stack.api('/api/distributions/KS2_RWM?release=outage-1')).status).toBe(200);

  await stack.azurite.restart();
  const health = await stack.api('/api/health');
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ current: 'outage-1' });
  const lookup = await stack.api('/api/lookup', json({ items: [{ fn: 'COUNT', args: ['LACStable_2016on'] }] }));
  expect(await lookup.json()).toEqual({ release: 'outage-1', results: [{ value: 23 }] });
  expect((await stack.api('/api/distributions/LACStable_2016on')).status).toBe(200);
});

test('a release first requested during an outage is not poisoned: it loads once storage is back', async () => {
  const r = syntheticRelease('outage-2', 2);
  await stack.store.putRelease(r);
  await stack.azurite.stop();
  await expectProblem(await stack.api('/api/distributions/KS2_RWM?release=outage-2'), 503);
  await stack.azurite.restart();
  const res = await stack.api('/api/distributions/KS2_RWM?release=outage-2');
  expect(res.status).toBe(200);
});
