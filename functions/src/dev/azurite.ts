/**
 * Azurite's table service as a child process, for `npm start` and the integration tests. Azurite does
 * not report the port it bound when given 0, so a free port is found first; the handle can stop and
 * restart the same instance (same port and data folder) to simulate a storage outage. The child stops
 * itself when its parent goes, however the parent ended (a crash or SIGKILL included), so no orphaned
 * Azurite is left holding the port and the data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';

export interface AzuriteHandle {
  host: string;
  port: number;
  connectionString: string;
  stop(): Promise<void>;
  /** Start again on the same port and folder after `stop`. */
  restart(): Promise<void>;
}

export interface AzuriteOptions {
  host?: string;
  /** 0 (default): any free port. */
  port?: number;
  /** Data folder; omitted = in-memory. */
  location?: string;
  log?: (line: string) => void;
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export const azuriteConnectionString = (host: string, port: number): string =>
  `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://${host}:${port}/devstoreaccount1;`;

/**
 * Runs Azurite's main in the child (`node -e` keeps process.argv as `node main.js …` would have it) with an
 * IPC channel to the parent as a lifeline: it closes when the parent exits or dies, and the child then
 * sends itself SIGINT, on which Azurite saves its database and closes.
 */
const WATCH_PARENT = "process.on('disconnect', () => process.kill(process.pid, 'SIGINT')); require(process.argv[1]);";

function launch(host: string, port: number, location: string | undefined, log?: (line: string) => void): Promise<ChildProcess> {
  const main = createRequire(import.meta.url).resolve('azurite/dist/src/table/main.js');
  const args = [
    '-e',
    WATCH_PARENT,
    main,
    '--tableHost',
    host,
    '--tablePort',
    String(port),
    '--skipApiVersionCheck',
    '--disableTelemetry',
    '--silent',
    '--loose',
  ];
  args.push(...(location ? ['--location', location] : ['--inMemoryPersistence']));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  // The lifeline must not keep the parent alive.
  child.channel?.unref();
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within 20 s:\n${output}`)), 20_000);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line.trim()) log?.(line.trim());
      if (/successfully (started|listening)/i.test(output)) {
        clearTimeout(timer);
        resolve(child);
      } else if (/EADDRINUSE|error/i.test(output)) {
        fail(new Error(`Azurite failed on ${host}:${port}:\n${output}`));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`Azurite exited with ${code}:\n${output}`)));
  });
}

function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // Azurite saves its database on SIGINT only (SIGTERM would lose recent writes). Closing the lifeline
    // makes the child send it to itself, and lets it exit (an open channel would keep it running).
    if (child.connected) child.disconnect();
    else child.kill('SIGINT');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteHandle> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port || (await freePort(host));
  let child: ChildProcess | null = await launch(host, port, options.location, options.log);
  return {
    host,
    port,
    connectionString: azuriteConnectionString(host, port),
    async stop() {
      await stopChild(child);
      child = null;
    },
    async restart() {
      await stopChild(child);
      child = await launch(host, port, options.location, options.log);
    },
  };
}
