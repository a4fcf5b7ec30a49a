/**
 * Where the client keeps release data between sessions so a workbook still calculates offline.
 * Release data is immutable, so entries never go stale; only their number is bounded.
 */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export class MemoryStore implements KeyValueStore {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

const PREFIX = 'cic:';
const INDEX = `${PREFIX}recent`;

/** JSON entries plus a most-recently-used list that evicts beyond `limit` distributions. */
export class PersistentCache {
  constructor(
    private readonly store: KeyValueStore,
    private readonly limit = 300,
  ) {}

  read<T>(key: string): T | null {
    try {
      const text = this.store.getItem(PREFIX + key);
      return text === null ? null : (JSON.parse(text) as T);
    } catch {
      return null;
    }
  }

  /** Best effort: a full or disabled store only costs the offline copy, never a cell. */
  write(key: string, value: unknown, evictable = true): void {
    try {
      this.store.setItem(PREFIX + key, JSON.stringify(value));
      if (evictable) this.touch(key);
    } catch {
      this.evictOldest(Math.ceil(this.limit / 4));
    }
  }

  private recent(): string[] {
    return this.read<string[]>('recent') ?? [];
  }

  private touch(key: string): void {
    const list = [key, ...this.recent().filter((k) => k !== key)];
    for (const old of list.splice(this.limit)) this.store.removeItem(PREFIX + old);
    this.store.setItem(INDEX, JSON.stringify(list));
  }

  private evictOldest(n: number): void {
    const list = this.recent();
    for (const old of list.splice(Math.max(0, list.length - n))) this.store.removeItem(PREFIX + old);
    try {
      this.store.setItem(INDEX, JSON.stringify(list));
    } catch {
      // Nothing more to free.
    }
  }
}
