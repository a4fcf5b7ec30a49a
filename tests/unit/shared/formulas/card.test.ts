/**
 * CIC.CARD's properties are the single functions' answers: checked here against the formulas an analyst
 * would type beside it (through `evaluateFormula`, the `cic eval` path), for LAs and indicators drawn at
 * random from the default release.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forHost, supportsDataTypes } from '../../../../addin/cells/run';
import { readReleaseFile } from '../../../../node/release-file';
import { numberFormatOf } from '../../../../shared/formulas/card';
import { evaluateFormula } from '../../../../shared/formulas/evaluate';
import { isEntity } from '../../../../shared/formulas/invoke';
import type { EntityValue } from '../../../../shared/formulas/types';
import { ReleaseIndex } from '../../../../shared/release/release-index';

const release = readReleaseFile();
const src = new ReleaseIndex(release);
const las = release.las.filter((l) => l.kind === 'la' && l.current);
const banded = release.indicators.filter((i) => i.polarity !== null && !i.noQuartile);

const single = async (formula: string) => evaluateFormula(formula, src);
const prop = (card: EntityValue, name: string) => card.properties[name]?.basicValue;

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
        expect(prop(c, 'Rank')).toBe(`${String(rank)} of ${String(await single(`=CIC.COUNT("${ind.key}", "${year}")`))}`);
        const england = await single(`=CIC.NATIONAL("${ind.key}", "${year}")`);
        expect(prop(c, 'England')).toBe(typeof england === 'number' ? england : undefined);
        const sn = await single(`=CIC.SNAVG(${q})`);
        expect(prop(c, 'SN average')).toBe(typeof sn === 'number' ? sn : undefined);
        const prevYear = ind.years[ind.years.indexOf(year) - 1];
        if (prevYear) {
          const prev = await single(`=CIC.VALUE("${ind.key}", ${la.number}, "${prevYear}")`);
          expect(prop(c, `Previous year (${prevYear})`)).toBe(typeof prev === 'number' ? prev : undefined);
          if (typeof prev === 'number') expect(prop(c, 'Change')).toBe(await single(`=CIC.CHANGE(${value}, ${prev}, "${ind.key}")`));
        }
        const trend = await single(`=CIC.TREND(${q})`);
        expect(prop(c, 'Trend')).toBe(typeof trend === 'string' ? trend : undefined);
        const region = release.las.find((l) => l.kind === 'region' && l.name === la.region);
        if (region) {
          const rv = await single(`=CIC.VALUE("${ind.key}", ${region.number}, "${year}")`);
          expect(prop(c, `Region (${region.name})`)).toBe(typeof rv === 'number' ? rv : undefined);
        }
        expect(prop(c, 'Release')).toBe(release.id);
        // Every section of the card layout names properties that exist.
        for (const s of c.layouts!.card!.sections!) for (const p of s.properties) expect(c.properties).toHaveProperty([p]);
      }),
      { numRuns: 60, seed: 20261202 },
    );
    expect(checked).toBeGreaterThan(20);
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
