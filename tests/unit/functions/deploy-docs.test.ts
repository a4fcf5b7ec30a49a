/**
 * Issue 19 item 10: what docs/service.md and docs/deploy.md tell an IT team to type for Azure matches the
 * code: the Bicep parameters the deployment command passes are exactly the template's required ones (and
 * names it has), and the write key they fetch is the app's host key, since uploading and publishing are
 * two functions with function-level keys. (The local examples run against a real stack in
 * tests/integration/quickstart.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DOCS = ['docs/service.md', 'docs/deploy.md'];
const bicep = readFileSync('infra/main.bicep', 'utf8');
/** Every `param NAME TYPE [= default]` of the template. */
const params = [...bicep.matchAll(/^param (\w+) \w+( = .+)?$/gm)].map((m) => ({ name: m[1]!, required: m[2] === undefined }));

describe('the Azure steps in the docs', () => {
  it.each(DOCS)('%s: az deployment passes every required Bicep parameter, and only names the template has', (file) => {
    const text = readFileSync(file, 'utf8').replace(/\\\n\s*/g, ' ');
    const commands = [...text.matchAll(/az deployment group create[^`\n]*?-f infra\/main\.bicep\s+-p ([^`\n]+)/g)];
    expect(commands.length).toBeGreaterThan(0);
    for (const [, args] of commands) {
      const given = [...args!.matchAll(/(\w+)=\S+/g)].map((m) => m[1]!);
      expect(given.sort()).toEqual(
        params
          .filter((p) => p.required)
          .map((p) => p.name)
          .sort(),
      );
      for (const name of given) expect(params.map((p) => p.name)).toContain(name);
    }
  });

  it('names the resources as the template does (<prefix>-cic-api, <prefix>-cic-addin)', () => {
    expect(bicep).toContain("name: '${name}-cic-api'");
    expect(bicep).toContain("name: '${name}-cic-addin'");
    for (const file of DOCS)
      for (const [app] of readFileSync(file, 'utf8').matchAll(/<prefix>-cic-\w+/g)) expect(['<prefix>-cic-api', '<prefix>-cic-addin']).toContain(app);
  });

  it.each(DOCS)("%s: the write key is the host key (functionKeys.default), never one function's key", (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/az functionapp keys list -g <rg> -n <prefix>-cic-api --query functionKeys\.default -o tsv/);
    // A function's own key is mentioned only to say it is not enough.
    for (const m of text.matchAll(/[^.]*az functionapp function keys list[^.]*\./g)) expect(m[0]).toMatch(/opens that one only|not/);
  });

  it("uploading and publishing are two functions behind function-level keys (why one function's key is not enough)", () => {
    const endpoints = join('functions', 'src', 'endpoints');
    const writes = readdirSync(endpoints)
      .map((f) => readFileSync(join(endpoints, f), 'utf8'))
      .filter((src) => /write: true/.test(src))
      .map((src) => /name: '(\w+)'/.exec(src)![1]);
    expect(writes.sort()).toEqual(['releasePublish', 'releasePut']);
    expect(readFileSync('functions/src/http/endpoint.ts', 'utf8')).toMatch(/authLevel: spec\.write \? 'function' : 'anonymous'/);
  });
});
