/**
 * The one HttpSource of the shared runtime: custom functions and the task pane live in the same page,
 * so they share the cache, the in-flight requests and the pin.
 */
import { HttpSource } from './http-source';
import { MemoryPin, WorkbookPin, type PinStore } from './pin';
import { MemoryStore, type KeyValueStore } from './storage';

/** Set at build time (CIC_API_BASE_URL); empty means the API is proxied at /api/ on the add-in's origin. */
declare const __CIC_API_BASE__: string;

let source: HttpSource | null = null;

export function apiBaseUrl(): string {
  const configured = typeof __CIC_API_BASE__ === 'string' ? __CIC_API_BASE__ : '';
  return configured || new URL('/api/', globalThis.location?.href ?? 'https://localhost:3000/').href;
}

function workbookPin(): PinStore {
  try {
    const settings = globalThis.Office?.context?.document?.settings;
    return settings ? new WorkbookPin(settings) : new MemoryPin();
  } catch {
    return new MemoryPin();
  }
}

function browserStore(): KeyValueStore {
  try {
    return globalThis.localStorage ?? new MemoryStore();
  } catch {
    return new MemoryStore();
  }
}

export function benchmarkSource(): HttpSource {
  source ??= new HttpSource({ baseUrl: apiBaseUrl(), store: browserStore(), pin: workbookPin() });
  return source;
}
