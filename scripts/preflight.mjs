// What `npm start` checks before it starts anything, and how it starts a child that must not outlive it.
// A port already taken (typically by an Azurite left running by a crashed earlier start) and a nearly full
// disk under Azurite's data folder are each refused with one line saying what to do: Azurite keeps its
// data in memory and saves it every few seconds, so writes it has acknowledged are lost if the disk is full.
import { spawn } from 'node:child_process';
import { statfs } from 'node:fs/promises';
import { createServer } from 'node:net';

/** The free space npm start insists on under Azurite's data folder (CIC_MIN_FREE_MB overrides). */
export const DEFAULT_MIN_FREE_MB = 200;

/** Whether host:port can be listened on now: null if so, else the error code (EADDRINUSE, EACCES…). */
function tryListen(host, port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', (e) => resolve(e.code ?? 'error'));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(null)));
  });
}

/** Whether an HTTP server on host:port says it is Azurite (its Server header), within a second. */
async function isAzurite(host, port) {
  try {
    const res = await fetch(`http://${host}:${port}/devstoreaccount1/Tables`, { signal: AbortSignal.timeout(1000) });
    await res.body?.cancel();
    return /azurite/i.test(res.headers.get('server') ?? '');
  } catch {
    return false;
  }
}

/**
 * Null when the port is free, else the one line to print: which port, what holds it if it is an Azurite,
 * and what to do. `what` names the part ("Azurite"), `setting` the variable that moves it.
 */
export async function portProblem(host, port, what, setting) {
  const code = await tryListen(host, port);
  if (code === null) return null;
  const where = `port ${port} on ${host} (${what}; ${setting})`;
  if (code === 'EACCES') return `${where} may not be used by this user; set ${setting} to a port above 1023`;
  if (code !== 'EADDRINUSE') return `${where} cannot be listened on (${code}); set ${setting} to another port`;
  if (await isAzurite(host, port))
    return `${where} is held by an Azurite still running, probably from an earlier npm start that crashed: stop it (kill -INT the process listening there, e.g. found with \`lsof -i :${port}\` or \`ss -ltnp 'sport = :${port}'\`, so it saves its data) or set ${setting} to a free port`;
  return `${where} is in use by another program: stop it (\`lsof -i :${port}\` or \`ss -ltnp 'sport = :${port}'\` shows which) or set ${setting} to a free port`;
}

/** The minimum free space in bytes, from CIC_MIN_FREE_MB; a value that is not a number ≥ 0 is refused. */
export function minFreeBytes(env = process.env) {
  const text = env.CIC_MIN_FREE_MB;
  if (text === undefined || text === '') return DEFAULT_MIN_FREE_MB * 1024 * 1024;
  const mb = Number(text);
  if (!Number.isFinite(mb) || mb < 0) throw new Error(`CIC_MIN_FREE_MB is not a number of megabytes ≥ 0: "${text.slice(0, 40)}"`);
  return mb * 1024 * 1024;
}

/** Null when `folder`'s file system has at least `minBytes` free for this user, else the one line to print. */
export async function diskProblem(folder, minBytes) {
  const s = await statfs(folder);
  const free = Number(s.bavail) * Number(s.bsize);
  if (free >= minBytes) return null;
  const mb = (n) => `${Math.floor(n / (1024 * 1024))} MB`;
  return `only ${mb(free)} free on the disk holding ${folder} (Azurite's data); npm start needs ${mb(minBytes)} (CIC_MIN_FREE_MB), because Azurite loses writes it has acknowledged when it cannot save them: free some space or set CIC_AZURITE_LOCATION to a folder on another disk`;
}

// Runs in a small node process between npm start and the real child: when npm start's IPC channel closes
// (it exited, crashed or was killed, even with SIGKILL) it stops the child, so nothing is left holding a port.
const GUARD = `
const { spawn } = require('node:child_process');
const [command, ...args] = JSON.parse(process.argv[1]);
const child = spawn(command, args, { stdio: 'inherit' });
const stop = (signal) => { if (child.exitCode === null && child.signalCode === null) child.kill(signal); };
process.on('disconnect', () => { stop('SIGINT'); setTimeout(() => stop('SIGKILL'), 5000).unref(); });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
child.once('error', (e) => { console.error(\`\${command}: \${e.message}\`); process.exit(1); });
child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
`;

/**
 * spawn(command, args, options), except that the child is stopped (SIGINT, then SIGKILL after 5 s) when this
 * process ends in any way. The returned process is the guard: kill it with SIGINT/SIGTERM to stop the child.
 */
export function spawnGuarded(command, args, options = {}) {
  const guard = spawn(process.execPath, ['-e', GUARD, JSON.stringify([command, ...args])], {
    ...options,
    stdio: [...(Array.isArray(options.stdio) ? options.stdio.slice(0, 3) : Array(3).fill(options.stdio ?? 'inherit')), 'ipc'],
  });
  // The channel is only a lifeline: it must not keep this process alive.
  guard.channel?.unref();
  return guard;
}
