/**
 * Issue 19 item 10: `npm test` installs what the browser and accessibility tests need (pretest runs
 * scripts/install-system-deps.sh) instead of only .ci/run doing it. The script is run here for real, on a
 * PATH of stand-ins for `id`, `sudo` and `apt-get` that record what they were asked, so each case (all
 * there, root, passwordless sudo, neither) is tried without touching this machine's packages.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = 'scripts/install-system-deps.sh';
const BASH = '/bin/bash';

/** A folder of stand-in commands; each appends its name and arguments to `log`. */
function standIns(uid: number, commands: string[]): { path: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cic-deps-'));
  const log = join(dir, 'log');
  writeFileSync(log, '');
  const stub = (name: string, body: string) => {
    writeFileSync(join(dir, name), `#!${BASH}\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  stub('id', `echo ${uid}`);
  if (commands.includes('sudo')) stub('sudo', `echo "sudo $*" >> ${log}; [ "$1" = -n ] && shift; [ "$1" = true ] && exit 0; "$@"`);
  if (commands.includes('apt-get')) stub('apt-get', `echo "apt-get $*" >> ${log}`);
  return { path: dir, log };
}

const run = (env: Record<string, string>) => spawnSync(BASH, [SCRIPT], { encoding: 'utf8', env });
const missing = { CIC_CHROMIUM_PATH: '/nonexistent/chromium' };

describe('scripts/install-system-deps.sh', () => {
  it('is what npm test runs first (pretest), as .ci/run does', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.pretest).toBe(`bash ${SCRIPT}`);
    expect(readFileSync('.ci/run', 'utf8')).toContain(`bash ${SCRIPT}`);
  });

  it.skipIf(!existsSync('/usr/bin/chromium') || spawnSync('sh', ['-c', 'command -v xmllint']).status !== 0)(
    'with everything there: says nothing, changes nothing, exit 0',
    () => {
      const r = run({ PATH: process.env.PATH ?? '' });
      expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
    },
  );

  it('as root: installs what is missing with apt-get', () => {
    const s = standIns(0, ['apt-get']);
    const r = run({ PATH: s.path, ...missing });
    expect(r.status).toBe(0);
    expect(readFileSync(s.log, 'utf8').trimEnd().split('\n')).toEqual([
      'apt-get update -qq',
      'apt-get install -y -qq --no-install-recommends chromium libxml2-utils',
    ]);
    expect(r.stdout).toBe('install-system-deps: installed chromium libxml2-utils\n');
  });

  it('not root, with sudo that needs no password: installs through sudo -n (never prompts)', () => {
    const s = standIns(1000, ['sudo', 'apt-get']);
    const r = run({ PATH: s.path, ...missing });
    expect(r.status).toBe(0);
    const log = readFileSync(s.log, 'utf8');
    expect(log).toContain('sudo -n apt-get install -y -qq --no-install-recommends chromium libxml2-utils');
    expect(log).toContain('apt-get install -y -qq --no-install-recommends chromium libxml2-utils');
  });

  it('not root and no sudo: says what to install and how, installs nothing, exit 0 (the tests then skip)', () => {
    const s = standIns(1000, ['apt-get']);
    const r = run({ PATH: s.path, ...missing });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/need chromium libxml2-utils, which are missing/);
    expect(r.stderr).toMatch(/sudo apt-get install -y chromium libxml2-utils/);
    expect(readFileSync(s.log, 'utf8')).toBe('');
  });
});
