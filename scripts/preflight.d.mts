/** Types for scripts/preflight.mjs (what npm start checks before it starts, and children that die with it). */
import type { ChildProcess, SpawnOptions } from 'node:child_process';
export const DEFAULT_MIN_FREE_MB: number;
export function portProblem(host: string, port: number, what: string, setting: string): Promise<string | null>;
export function minFreeBytes(env?: Record<string, string | undefined>): number;
export function diskProblem(folder: string, minBytes: number): Promise<string | null>;
export function spawnGuarded(command: string, args: string[], options?: SpawnOptions): ChildProcess;
