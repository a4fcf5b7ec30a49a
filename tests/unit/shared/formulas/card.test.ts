/**
 * CIC.CARD's properties are the single functions' answers: checked here against the formulas an analyst
 * would type beside it (through `evaluateFormula`, the `cic eval` path), for LAs and indicators drawn at
 * random from the default release.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forHost, supportsDataTypes } from '../../../../addin/cells/run';
import { readReleaseFile } from '../../../../node/release-file';
import { CARD, CARD_PROPERTIES, CHANGE_BASIS, numberFormatOf } from '../../../../shared/formulas/card';
import { evaluateFormula } from '../../../../shared/formulas/evaluate';
import { invoke, isEntity } from '../../../../shared/formulas/invoke';
import type { EntityValue } from '../../../../shared/formulas/types';
import { ReleaseIndex } from '../../../../shared/release/release-index';

const release = readReleaseFile();
const src = new ReleaseIndex(release);
const las = release.las.filter((l) => l.kind === 'la' && l.current);
const banded = release.indicators.filter((i) => i.polarity !== null && !i.noQuartile);

const single = async (formula: string) => evaluateFormula(formula, src);
const prop = (card: EntityValue, name: string) => card.properties[name]?.basicValue;
/** A release in memory answers at once: no promise. */
const cardOf = (args: unknown[]) => {
  const v = invoke(CARD, src, args);
  if (v instanceof Promise) throw new Error('a release in memory answered with a promise');
  return v;
};

describe('CIC.CARD', () => {
  it('is an entity whose properties equal the single functions, for random LA × indicator × year', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...las), fc.constantFrom(...banded), fc.nat(), async (la, ind, yi) => {
        const year = ind.years[yi % ind.years.length]!;
        const q = `"${ind.key}", ${la.number}, "${year}"`;
        const card = await single(`=CIC.CARD(${q})`);
        const value = await single(`=CIC.VALUE(${q})`);
        if (typeof value !== 'number') {
          // No published value: the card is the same explained error, never a card of blanks.
          expect(card).toEqual(value);
          return;
        }
        expect(isEntity(card)).toBe(true);
        const c = card as EntityValue;
        checked++;
        expect(prop(c, 'Value')).toBe(value);
        expect(c.fallback).toBe(value);
        expect(prop(c, 'Band')).toBe(await single(`=CIC.BAND("${ind.key}", ${value}, "${year}")`));
        expect(prop(c, 'Quartile')).toBe(await single(`=CIC.QUARTILE("${ind.key}", ${value}, "${year}")`));
        const rank = await single(`=CIC.RANK("${ind.key}", ${value}, "${year}")`);
        expect(prop(c, 'Rank')).toBe(rank);
        expect(c.properties.Rank?.type).toBe('Double');
        expect(prop(c, 'Rank of')).toBe(await single(`=CIC.COUNT("${ind.key}", "${year}")`));
        const england = await single(`=CIC.NATIONAL("${ind.key}", "${year}")`);
        if (typeof england === 'number') expect(prop(c, 'England')).toBe(england);
        const sn = await single(`=CIC.SNAVG(${q})`);
        if (typeof sn === 'number') expect(prop(c, 'SN average')).toBe(sn);
        const prevYear = ind.years[ind.years.indexOf(year) - 1];
        expect(prop(c, 'Previous year label')).toBe(prevYear ?? 'none');
        if (prevYear) {
          const prev = await single(`=CIC.VALUE("${ind.key}", ${la.number}, "${prevYear}")`);
          if (typeof prev === 'number') {
            expect(prop(c, 'Previous year')).toBe(prev);
            if (!release.counts?.[ind.key]) expect(prop(c, 'Change')).toBe(await single(`=CIC.CHANGE(${value}, ${prev}, "${ind.key}")`));
          } else expect(typeof prop(c, 'Previous year')).toBe('string');
        }
        const trend = await single(`=CIC.TREND(${q})`);
        expect(prop(c, 'Trend')).toBe(typeof trend === 'string' ? trend : (trend as Error).message);
        const region = release.las.find((l) => l.kind === 'region' && l.name === la.region);
        if (region) {
          const rv = await single(`=CIC.VALUE("${ind.key}", ${region.number}, "${year}")`);
          expect(prop(c, 'Region name')).toBe(region.name);
          if (typeof rv === 'number') expect(prop(c, 'Region')).toBe(rv);
        }
        expect(prop(c, 'Release')).toBe(release.id);
        // Every section of the card layout names properties that exist.
        for (const s of c.layouts!.card!.sections!) for (const p of s.properties) expect(c.properties).toHaveProperty([p]);
      }),
      { numRuns: 60, seed: 20261202 },
    );
    expect(checked).toBeGreaterThan(20);
  });

  it('has the same property names for every LA, indicator and year, so =A2.Rank fills down a column', () => {
    // Every 7th current LA × every 5th indicator × its first, a middle and its latest year.
    const names = new Map<string, string>();
    let cards = 0;
    let ranked = 0;
    for (const la of las.filter((_, i) => i % 7 === 0))
      for (const ind of release.indicators.filter((_, i) => i % 5 === 0))
        for (const year of new Set([ind.years[0]!, ind.years[ind.years.length >> 1]!, ind.years.at(-1)!])) {
          const card = cardOf([ind.key, la.number, year]);
          if (!isEntity(card)) continue; // no published value: an explained error, never a card of blanks
          cards++;
          names.set(Object.keys(card.properties).join('|'), `${la.name} ${ind.key} ${year}`);
          if (ind.polarity !== null && !ind.noQuartile) {
            expect(card.properties.Rank?.type, `${la.name} ${ind.key} ${year}`).toBe('Double');
            expect(card.properties['Rank of']?.type).toBe('Double');
            ranked++;
          }
          for (const s of card.layouts!.card!.sections!) for (const p of s.properties) expect(card.properties).toHaveProperty([p]);
        }
    expect([...names.keys()]).toEqual([[...CARD_PROPERTIES].join('|')]);
    expect(cards).toBeGreaterThan(1000);
    expect(ranked).toBeGreaterThan(300);
  });

  it("judges Change by significance on both years' counts where the release has them (as SIGCHANGE), else by tolerance, and says which", async () => {
    const counted = release.indicators.filter((i) => release.counts?.[i.key] && i.years.length > 1);
    expect(counted.length).toBeGreaterThan(10);
    const tally = { significance: 0, tolerance: 0 };
    for (const ind of counted) {
      const pair = release.counts![ind.key]!;
      for (const la of las.filter((_, i) => i % 15 === 0)) {
        const [prevYear, year] = ind.years.slice(-2) as [string, string];
        const card = cardOf([ind.key, la.number, year]);
        if (!isEntity(card) || card.properties['Previous year']?.type !== 'Double') continue;
        const count = async (key: string, y: string) => (pair.years && !pair.years.includes(y) ? null : single(`=CIC.VALUE("${key}", ${la.number}, "${y}")`));
        const c = [
          await count(pair.numerator, year),
          await count(pair.denominator, year),
          await count(pair.numerator, prevYear),
          await count(pair.denominator, prevYear),
        ];
        const where = `${la.name} ${ind.key} ${year}`;
        if (c.every((v) => typeof v === 'number' && v >= 0) && (c[1] as number) > 0 && (c[3] as number) > 0) {
          expect(prop(card, 'Change'), where).toBe(await single(`=CIC.SIGCHANGE(${c.join(', ')}, "${ind.key}")`));
          expect(prop(card, 'Change basis')).toBe(CHANGE_BASIS.significance);
          tally.significance++;
        } else {
          expect(prop(card, 'Change'), where).toBe(
            await single(`=CIC.CHANGE(${String(prop(card, 'Value'))}, ${String(prop(card, 'Previous year'))}, "${ind.key}")`),
          );
          expect(prop(card, 'Change basis')).toBe(CHANGE_BASIS.tolerance);
          tally.tolerance++;
        }
      }
    }
    expect(tally.significance).toBeGreaterThan(100);
    // Without counts: CHANGE's 1% tolerance, and the card says so.
    const card = cardOf(['CareLeaverEET', 855, 2025]) as EntityValue;
    expect(prop(card, 'Change basis')).toBe(CHANGE_BASIS.tolerance);
    expect(prop(card, 'Lower 95%')).toMatch(/^no counts/);
    expect(prop(card, 'Trend')).toMatch(/no counts/);
  });

  it('names the region and the previous year as properties of their own', () => {
    const card = cardOf(['LACStable_2016on', 'Leicestershire', 2025]) as EntityValue;
    expect(prop(card, 'Region name')).toBe('East Midlands');
    expect(prop(card, 'Previous year label')).toBe('2024');
    expect(card.properties.Region?.type).toBe('Double');
    expect(card.properties['Previous year']?.type).toBe('Double');
    const first = cardOf(['LACStable_2016on', 'Leicestershire', release.indicators.find((i) => i.key === 'LACStable_2016on')!.years[0]]) as EntityValue;
    expect(prop(first, 'Previous year label')).toBe('none');
    expect(prop(first, 'Change basis')).toBe(CHANGE_BASIS.none);
  });

  it('formats numbers by unit: percentage points, pounds, counts', () => {
    expect(numberFormatOf({ unit: '% of children', dps: 1 })).toBe('0.0"%"');
    expect(numberFormatOf({ unit: 'Unit Cost', dps: 0 })).toBe('"£"#,##0');
    expect(numberFormatOf({ unit: 'Rate per 10,000', dps: null })).toBe('#,##0.0');
  });

  it('an unknown LA or indicator is an explained #N/A, bad input #VALUE!', async () => {
    expect(String(await single('=CIC.CARD("LACStable_2016on", "Atlantis")'))).toMatch(/^#N\/A/);
    expect(String(await single('=CIC.CARD("NoSuchMeasure", 855)'))).toMatch(/^#N\/A/);
    expect(String(await single('=CIC.CARD(, 855)'))).toMatch(/^#VALUE!/);
  });
});

describe('CARD in hosts with and without data types', () => {
  const card: EntityValue = { type: 'Entity', text: 'x', properties: { Value: { type: 'Double', basicValue: 7 } }, fallback: 7 };

  it('sends the entity (without the fallback) where CustomFunctionsRuntime 1.4 is supported', () => {
    expect(forHost(card, true)).toEqual({ type: 'Entity', text: 'x', properties: { Value: { type: 'Double', basicValue: 7 } } });
  });

  it('degrades to the plain value elsewhere', () => expect(forHost(card, false)).toBe(7));

  it('asks Office for the requirement set, and says no outside Office', () => {
    const asked: string[] = [];
    const office = { context: { requirements: { isSetSupported: (n: string, v: string) => (asked.push(`${n} ${v}`), true) } } };
    expect(supportsDataTypes(office)).toBe(true);
    expect(asked).toEqual(['CustomFunctionsRuntime 1.4']);
    expect(supportsDataTypes(undefined)).toBe(false);
    expect(
      supportsDataTypes({
        context: {
          requirements: {
            isSetSupported: () => {
              throw new Error('old host');
            },
          },
        },
      }),
    ).toBe(false);
  });
});
