/**
 * The Table Storage codec without Table Storage: a release cut into entities and rebuilt must be the same
 * release, whatever order the entities come back in, and every entity must be one the service accepts
 * (string properties within 64 KiB, RowKeys without / \ # ? or control characters).
 */
import { describe, expect, it } from 'vitest';
import {
  blobEntities,
  blobName,
  CHUNK_CHARS,
  CHUNKS_PER_ENTITY,
  joinBlob as joinRows,
  partRowKey,
  releaseEntities,
  releaseFromEntities as releaseFromRows,
  type BlobEntity,
} from '../../../../functions/src/store/codec';
import { readReleaseFile } from '../../../../node/release-file';
import type { Release } from '../../../../shared/release/schema';
import { syntheticRelease } from '../../../fixtures/synthetic-release';

// The readers take entities as the table returns them (plain records); BlobEntity is what the writer makes.
const releaseFromEntities = (entities: readonly BlobEntity[]): Release => releaseFromRows(entities as unknown as Record<string, unknown>[]);
const joinBlob = (entities: readonly BlobEntity[]): string => joinRows(entities as unknown as Record<string, unknown>[]);

/** Table Storage: a string property is at most 64 KiB, i.e. 32K UTF-16 code units. */
const MAX_STRING_CHARS = 32_000;
/** Table Storage: PartitionKey and RowKey are at most 1 KiB. */
const MAX_KEY_CHARS = 1024;
// Forbidden in PartitionKey/RowKey: / \ # ? and the C0/C1 control characters.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const FORBIDDEN_KEY_CHAR = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

/** A deterministic shuffle (mulberry32), so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Every way an entity could be refused by the service, as readable strings (empty = acceptable). */
function entityProblems(entities: readonly BlobEntity[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const e of entities) {
    for (const [k, v] of Object.entries(e)) {
      if (typeof v === 'string' && v.length > MAX_STRING_CHARS) problems.push(`${e.rowKey}.${k} has ${v.length} chars`);
    }
    for (const key of [e.partitionKey, e.rowKey]) {
      if (FORBIDDEN_KEY_CHAR.test(key)) problems.push(`key ${JSON.stringify(key)} holds a forbidden character`);
      if (key.length === 0 || key.length > MAX_KEY_CHARS) problems.push(`key ${JSON.stringify(key.slice(0, 40))} is ${key.length} chars`);
    }
    const chunks = Object.keys(e).filter((k) => /^c\d+$/.test(k)).length;
    if (chunks < 1 || chunks > CHUNKS_PER_ENTITY) problems.push(`${e.rowKey} has ${chunks} chunks`);
    if (seen.has(e.rowKey)) problems.push(`${e.rowKey} appears twice`);
    seen.add(e.rowKey);
  }
  return problems;
}

const chunkLengths = (e: BlobEntity): number[] =>
  Object.keys(e)
    .filter((k) => /^c\d+$/.test(k))
    .map((k) => (e[k as `c${number}`] ?? '').length);

/** A synthetic release whose catalog JSON is exactly `length` characters (the title takes up the slack). */
function releaseWithCatalogLength(length: number): Release {
  const base = syntheticRelease('synthetic-sized');
  const { values: _values, ...catalog } = base;
  const slack = length - JSON.stringify(catalog).length;
  if (slack < 0) throw new Error(`catalog is already ${JSON.stringify(catalog).length} chars`);
  const release = { ...base, title: base.title + 'x'.repeat(slack) };
  const { values: _v, ...sized } = release;
  expect(JSON.stringify(sized).length).toBe(length);
  return release;
}

const catalogEntities = (entities: readonly BlobEntity[]): BlobEntity[] => entities.filter((e) => e.rowKey.startsWith('catalog~'));

/** A synthetic release with its indicators renamed: the keys RowKeys must survive. */
function releaseWithKeys(renames: Record<string, string>): Release {
  const base = syntheticRelease('synthetic-keys');
  const rename = (k: string): string => renames[k] ?? k;
  return {
    ...base,
    indicators: base.indicators.map((i) => ({ ...i, key: rename(i.key) })),
    values: Object.fromEntries(Object.entries(base.values).map(([k, v]) => [rename(k), v])),
    unitCosts: base.unitCosts.map((u) => ({ ...u, measure: rename(u.measure) })),
  };
}

describe('the default release', () => {
  const release = readReleaseFile();
  const entities = releaseEntities(release);

  it('round-trips through entities unchanged', () => {
    expect(releaseFromEntities(entities)).toEqual(release);
  });

  it('round-trips whatever order the entities come back in', () => {
    for (const seed of [1, 2, 3]) expect(releaseFromEntities(shuffled(entities, seed))).toEqual(release);
  });

  it('is one partition: the release id, a valid PartitionKey', () => {
    expect(new Set(entities.map((e) => e.partitionKey))).toEqual(new Set([release.id]));
  });

  it('has a catalog spanning more than one entity (so multi-part joins are exercised on real data)', () => {
    const parts = catalogEntities(entities);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((e) => e.parts === parts.length)).toBe(true);
  });

  it('has one values blob per indicator, each a point read', () => {
    const names = new Set(entities.filter((e) => e.rowKey.startsWith('v:')).map((e) => e.rowKey.replace(/~\d{3}$/, '')));
    expect(names).toEqual(new Set(Object.keys(release.values).map(blobName.values)));
    expect(entities.filter((e) => e.rowKey.startsWith('v:')).every((e) => e.parts === 1)).toBe(true);
  });

  it('makes only entities Table Storage accepts: strings ≤ 32,000 chars, clean RowKeys ≤ 1 KiB', () => {
    expect(entityProblems(entities)).toEqual([]);
  });

  it('loses nothing when one catalog part goes missing — it throws instead', () => {
    const without = entities.filter((e) => e.rowKey !== partRowKey(blobName.catalog, 1));
    expect(() => releaseFromEntities(without)).toThrow(/parts/);
  });
});

describe('synthetic releases', () => {
  it('round-trip, shuffled or not', () => {
    const release = syntheticRelease();
    const entities = releaseEntities(release);
    expect(releaseFromEntities(entities)).toEqual(release);
    expect(releaseFromEntities(shuffled(entities, 7))).toEqual(release);
    expect(entityProblems(entities)).toEqual([]);
  });

  it('without a catalog is refused', () => {
    const entities = releaseEntities(syntheticRelease()).filter((e) => !e.rowKey.startsWith('catalog~'));
    expect(() => releaseFromEntities(entities)).toThrow(/no catalog/);
  });

  it("with one indicator's values missing a part is refused", () => {
    const release = syntheticRelease();
    // Make one values blob span two entities, then drop the second.
    const big = {
      ...release,
      values: { ...release.values, LowGood: { ...release.values.LowGood, pad: Array((CHUNK_CHARS * CHUNKS_PER_ENTITY) / 2).fill(1) } },
    } as unknown as Release;
    const entities = releaseEntities(big);
    const name = blobName.values('LowGood');
    expect(entities.filter((e) => e.rowKey.startsWith(`${name}~`)).length).toBe(2);
    expect(releaseFromEntities(entities)).toEqual(big);
    expect(() => releaseFromEntities(entities.filter((e) => e.rowKey !== partRowKey(name, 1)))).toThrow(/1 of 2 parts/);
    expect(() => releaseFromEntities(entities.filter((e) => e.rowKey !== partRowKey(name, 0)))).toThrow(/1 of 2 parts/);
  });

  describe('catalog chunk boundaries', () => {
    const cases: [string, number, number[][]][] = [
      ['CHUNK_CHARS − 1', CHUNK_CHARS - 1, [[CHUNK_CHARS - 1]]],
      ['exactly CHUNK_CHARS', CHUNK_CHARS, [[CHUNK_CHARS]]],
      ['CHUNK_CHARS + 1', CHUNK_CHARS + 1, [[CHUNK_CHARS, 1]]],
      ['a full entity − 1', CHUNK_CHARS * CHUNKS_PER_ENTITY - 1, [[...Array(CHUNKS_PER_ENTITY - 1).fill(CHUNK_CHARS), CHUNK_CHARS - 1]]],
      ['exactly a full entity', CHUNK_CHARS * CHUNKS_PER_ENTITY, [Array(CHUNKS_PER_ENTITY).fill(CHUNK_CHARS)]],
      ['a full entity + 1', CHUNK_CHARS * CHUNKS_PER_ENTITY + 1, [Array(CHUNKS_PER_ENTITY).fill(CHUNK_CHARS), [1]]],
    ];
    for (const [label, length, layout] of cases) {
      it(`${label} (${length} chars) → ${layout.length} entit${layout.length === 1 ? 'y' : 'ies'}, chunks ${layout.map((l) => l.length).join('+')}, round trip exact`, () => {
        const release = releaseWithCatalogLength(length);
        const entities = releaseEntities(release);
        const catalog = catalogEntities(entities);
        expect(catalog.map(chunkLengths)).toEqual(layout);
        expect(catalog.map((e) => e.rowKey)).toEqual(layout.map((_, i) => partRowKey('catalog', i)));
        expect(catalog.every((e) => e.parts === layout.length)).toBe(true);
        expect(entityProblems(entities)).toEqual([]);
        expect(releaseFromEntities(shuffled(entities, length))).toEqual(release);
      });
    }
  });
});

describe('blobEntities / joinBlob', () => {
  it('an empty text is one entity with one empty chunk, and joins back to ""', () => {
    const entities = blobEntities('p', 'b', '');
    expect(entities).toEqual([{ partitionKey: 'p', rowKey: 'b~000', parts: 1, c0: '' }]);
    expect(joinBlob(entities)).toBe('');
  });

  it('joins parts in any order, across ten or more parts (where a string sort of ~9 / ~10 would go wrong)', () => {
    const text = Array.from({ length: (11 * CHUNKS_PER_ENTITY * CHUNK_CHARS) / 6 }, (_, i) => String(i % 100_000).padStart(6, '0')).join('');
    const entities = blobEntities('p', 'b', text);
    expect(entities.length).toBe(11);
    expect(entities.map((e) => e.rowKey).slice(8)).toEqual(['b~008', 'b~009', 'b~010']);
    expect(joinBlob(shuffled(entities, 11))).toBe(text);
    expect(joinBlob([...entities].reverse())).toBe(text);
  });

  it('a missing part throws, naming how many of how many', () => {
    const entities = blobEntities('p', 'b', 'y'.repeat(CHUNK_CHARS * CHUNKS_PER_ENTITY * 2 + 5));
    expect(entities.length).toBe(3);
    expect(() => joinBlob([entities[0]!, entities[2]!])).toThrow(/2 of 3 parts/);
    expect(() => joinBlob([])).toThrow(/parts/);
  });

  // A character outside the BMP (an emoji in a description, a rare CJK name) straddling a 30,000-char
  // boundary would leave each chunk half a surrogate pair: not valid Unicode, so any hop encoding a
  // property as UTF-8 on its own could turn the halves into U+FFFD. Chunks end one early instead.
  it('never splits a surrogate pair between chunks (each property is well-formed Unicode)', () => {
    const text = 'a'.repeat(CHUNK_CHARS - 1) + '😀' + 'b'.repeat(10);
    const entities = blobEntities('p', 'b', text);
    expect(joinBlob(entities)).toBe(text);
    const chunks = entities.flatMap((e) =>
      Object.entries(e)
        .filter(([k]) => /^c\d+$/.test(k))
        .map(([, v]) => v as string),
    );
    for (const c of chunks) expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(c), JSON.stringify(c.slice(-3))).toBe(false);
  });
});

describe('indicator keys as RowKeys', () => {
  const awkward: Record<string, string> = {
    LowGood: 'CIN/Rate per 10,000',
    HighGood: 'Ref#Source?Schl_%',
    NoPolarity: 'back\\slash\ttab\u0007bell\u0085nel',
    NoQuartile: 'Été – 児童 & 3&4yr~000',
    WeeklyCost: 'catalog',
  };
  const release = releaseWithKeys(awkward);
  const entities = releaseEntities(release);

  it('are free of / \\ # ? and control characters, and within 1 KiB', () => {
    expect(entityProblems(entities)).toEqual([]);
    for (const key of Object.values(awkward)) expect(FORBIDDEN_KEY_CHAR.test(blobName.values(key)), key).toBe(false);
  });

  it('round-trip to the same keys and values (a key named "catalog" or ending ~000 included)', () => {
    const back = releaseFromEntities(shuffled(entities, 5));
    expect(back).toEqual(release);
    expect(Object.keys(back.values).sort()).toEqual(Object.values(awkward).sort());
  });

  it('are distinct for distinct keys (no two indicators share a blob)', () => {
    const keys = [...Object.values(awkward), 'a/b', 'a%2Fb', 'a b', 'a+b', 'A/B'];
    expect(new Set(keys.map(blobName.values)).size).toBe(keys.length);
  });
});
