/** LA names as people type them, near misses with a suggestion, and indicator hints that find something. */
import { describe, expect, test } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { CellError } from '../../../../shared/excel/errors';
import { editDistance, placeName } from '../../../../shared/release/catalog';
import { evaluateFormula, formatOutcome } from '../../../../shared/formulas/evaluate';
import { LA_ALIASES, REORGANISED } from '../../../../shared/release/la-names';
import { ReleaseIndex } from '../../../../shared/release/release-index';

const release = readReleaseFile();
const cat = new ReleaseIndex(release).catalog();
const err = (f: () => unknown): CellError => {
  try {
    f();
  } catch (e) {
    if (e instanceof CellError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('LA names', () => {
  test.each([
    ['Bristol', 801],
    ['Bristol City Council', 801],
    ['bristol, city of', 801],
    ['BRISTOL', 801],
    ['Hull', 810],
    ['Hull City Council', 810],
    ['Kingston upon Hull', 810],
    ['Leicestershire County Council', 855],
    ['leicestershire', 855],
    ['Leicester City Council', 856],
    ['Leicester', 856],
    ['Brighton & Hove', 846],
    ['Brighton and Hove City Council', 846],
    ['St Helens', 342],
    ['St. Helens', 342],
    ['Saint Helens', 342],
    ['St Helens Council', 342],
    ['County Durham', 840],
    ['Durham County Council', 840],
    ['durham', 840],
    ['Southend', 882],
    ['Southend-on-Sea', 882],
    ['southend on sea city council', 882],
    ['Stockton', 808],
    ['Newcastle', 391],
    ['City of York', 816],
    ['Royal Borough of Greenwich', 203],
    ['Manchester City Council', 352],
  ])('%s → %i', (typed, number) => {
    expect(cat.la(typed).number).toBe(number);
  });

  test('every LA still finds itself by name, number and ONS code; ambiguous short forms find nothing', () => {
    for (const la of release.las.filter((l) => l.current)) {
      for (const q of [la.name, la.number, String(la.number), la.ons].filter((x) => x !== null)) expect(cat.la(q).number, String(q)).toBe(la.number);
    }
    expect(cat.la('Kingston').number).toBe(314); // upon Thames: Hull is "Hull" (issue 19)
  });

  test('a near miss gets #N/A with "did you mean"; far misses get no guess', () => {
    expect(err(() => cat.la('Leicestershre')).message).toMatch(/did you mean Leicestershire\?/);
    expect(err(() => cat.la('Camdem')).message).toMatch(/did you mean Camden\?/);
    expect(err(() => cat.la('Nottinghamshire County Counci')).message).toMatch(/Nottinghamshire/);
    const far = err(() => cat.la('Atlantis'));
    expect(far.code).toBe('#N/A');
    expect(far.message).not.toMatch(/did you mean/);
  });

  test('edit distance and place names, against hand-worked values', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(placeName('County Durham')).toBe('durham');
    expect(placeName('Bristol, City of')).toBe('bristol');
    expect(placeName('Leicestershire County Council')).toBe('leicestershire');
  });
});

describe('unknown-indicator hints find something', () => {
  test.each(['LACStable_2016', 'placement stabilty', 'KS2_RWMx', 'NoSuchMeasure', 'zzzz qqq', 'stability nonsenseword'])('%s', (typed) => {
    const e = err(() => cat.indicator(typed));
    expect(e.code).toBe('#N/A');
    const near = /did you mean (.+)\?$/.exec(e.message);
    const search = /=CIC\.INDICATORS\("([^"]*)"\)/.exec(e.message);
    if (near) {
      for (const key of near[1]!.split(' or ')) expect(cat.indicator(key).key).toBe(key);
    } else if (search) {
      expect(cat.searchIndicators(search[1]).length).toBeGreaterThan(0);
    } else {
      expect(e.message).toMatch(/=CIC\.INDICATORS\(\) lists all \d+/);
    }
  });
});

/** Issue 19 item 4: LAs as councils write them, every LA of the release, and councils that no longer exist. */
describe('LAs as councils write them', () => {
  const index = new ReleaseIndex(release);
  const ev = async (f: string) => formatOutcome(await evaluateFormula(f, index));

  test.each([
    // the list
    ['BCP', 839],
    ['Leics', 855],
    ['Telford', 894],
    ['Stoke', 861],
    ['BANES', 800],
    ['B&NES', 800],
    ['RBKC', 207],
    ['RBWM', 868],
    ['Richmond', 318],
    ['Newcastle', 391],
    ['Brighton', 846],
    ['NE Lincs', 812],
    ['IoW', 921],
    ['Kensington & Chelsea', 207],
    ['Telford & Wrekin Council', 894],
    ['LEICESTERSHIRE county council', 855],
    ['  Leicester   City  Council ', 856],
    // everyday forms beyond it
    ['Herts', 919],
    ['Notts', 891],
    ['Lancs', 888],
    ['Glos', 916],
    ['Wilts', 865],
    ['Cambs', 873],
    ['Bucks', 825],
    ['Oxon', 931],
    ['Hants', 850],
    ['Worcs', 885],
    ['Derbys', 830],
    ['Staffs', 860],
    ['Warks', 937],
    ['N Lincs', 813],
    ['N Yorks', 815],
    ['W Sussex', 938],
    ['E Sussex', 845],
    ['S Glos', 803],
    ['N Somerset', 802],
    ['W Berks', 869],
    ['C Beds', 823],
    ['Central Beds', 823],
    ['Bedford', 822],
    ['Bath & N.E. Somerset', 800],
    ['K&C', 207],
    ['H&F', 205],
    ['Hammersmith', 205],
    ['Tower Hamlets LBC', 211],
    ['London Borough of Tower Hamlets', 211],
    ['LB Hackney', 204],
    ['Royal Borough of Kingston upon Thames', 314],
    ['Kingston', 314],
    ['Wigan MBC', 359],
    ['Calderdale Metropolitan Borough Council', 381],
    ['City of Bradford Metropolitan District Council', 380],
    ['Southend', 882],
    ['Southend-on-Sea City Council', 882],
    ['Redcar', 807],
    ['Redcar & Cleveland Borough Council', 807],
    ['Windsor and Maidenhead', 868],
    ['Windsor', 868],
    ['Maidenhead', 868],
    ['Bristol', 801],
    ['City of Bristol', 801],
    ['St Helens', 342],
    ['St Helen’s', 342],
    ['Blackburn', 889],
    ['East Riding', 811],
    ['Co Durham', 840],
    ['Isle of Wight Council', 921],
    ['Council of the Isles of Scilly', 420],
    ['City of London Corporation', 201],
    ['Westminster City Council', 213],
    ['Milton Keynes Council', 826],
    ['MK', 826],
    ['Cheshire West', 896],
    ['Barking', 301],
    ['Stoke-on-Trent City Council', 861],
    ['Northants', 928],
    ['Bournemouth', 837],
    ['Poole', 836],
    ['Inner London', 987],
    ['North East', 980],
  ])('%s → %i', (typed, number) => {
    expect(cat.la(typed).number).toBe(number);
  });

  test('every LA of the release by its name and the council forms of it, in any case and spacing', () => {
    const forms = (name: string, ons: string | null): string[] => {
      const out = [name, name.toUpperCase(), name.toLowerCase(), ` ${name.replace(/ /g, '  ')} `, name.replace(/ and /g, ' & '), `${name} Council`];
      if (ons?.startsWith('E10')) out.push(`${name} County Council`);
      if (ons?.startsWith('E09')) out.push(`London Borough of ${name}`, `${name} LBC`);
      if (ons?.startsWith('E08')) out.push(`${name} MBC`, `${name} Metropolitan Borough Council`);
      if (ons?.startsWith('E06')) out.push(`${name} Borough Council`, `${name} Unitary Authority`);
      return out;
    };
    const wrong: string[] = [];
    let checked = 0;
    for (const la of release.las.filter((l) => l.kind === 'la')) {
      const typed = la.current ? forms(la.name, la.ons) : [la.name, la.name.toLowerCase(), String(la.number), la.ons!];
      for (const t of typed) {
        checked++;
        try {
          if (cat.la(t).number !== la.number) wrong.push(`${t} → ${cat.la(t).number}`);
        } catch (e) {
          wrong.push(`${t}: ${(e as Error).message}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  test("every alias names an LA of the release, and no alias shadows an LA's own name", () => {
    const numbers = new Set(release.las.map((l) => l.number));
    for (const n of Object.values(LA_ALIASES)) expect(numbers).toContain(n);
    for (const r of REORGANISED) for (const n of [...r.successors, ...(r.number === null ? [] : [r.number])]) expect(numbers, r.name).toContain(n);
  });

  test('an unknown name gets "did you mean" with the closest LAs; ambiguous short forms name each', () => {
    expect(err(() => cat.la('Yorks')).message).toMatch(/did you mean East Riding of Yorkshire or North Yorkshire\?/);
    expect(err(() => cat.la('Leic')).message).toMatch(/did you mean Leicester or Leicestershire\?/);
    expect(err(() => cat.la('Wolverhamton')).message).toMatch(/did you mean Wolverhampton\?/);
    expect(err(() => cat.la('Hertfordshir County Council')).message).toMatch(/did you mean Hertfordshire\?/);
    expect(err(() => cat.la('North')).message).toMatch(/did you mean North /);
  });

  test('a council that no longer exists says so and names its successors, through the cells', async () => {
    expect(await ev('=CIC.VALUE("LACStable_2016on", "Northamptonshire", 2025)')).toBe(
      '#N/A Northamptonshire (928) no longer exists: on 1 April 2021 it was replaced by North Northamptonshire (940) and West Northamptonshire (941); LACStable_2016on 2025 has no value for it',
    );
    expect(await ev('=CIC.VALUE("LACStable_2016on", "Cumbria", 2025)')).toMatch(
      /^#N\/A Cumbria \(909\) no longer exists: on 1 April 2023 it was replaced by Cumberland \(942\) and Westmorland and Furness \(943\)/,
    );
    expect(await ev('=CIC.VALUE("LACStable_2016on", "Poole", 2025)')).toMatch(
      /^#N\/A Poole \(Pre LG\) \(836\) no longer exists: on 1 April 2019 it became part of Bournemouth, Christchurch and Poole \(839\)/,
    );
    expect(await ev('=CIC.VALUE("LACStable_2016on", "Dorset (Pre LG)", 2025)')).toMatch(
      /replaced by Dorset \(838\) and Bournemouth, Christchurch and Poole \(839\)/,
    );
    expect(await ev('=CIC.VALUE("LACStable_2016on", "Bournemouth", 2025)')).toMatch(/it became part of Bournemouth, Christchurch and Poole \(839\)/);
    expect(await ev('=CIC.SNAVG("LACStable_2016on", "Northants")')).toMatch(/no statistical neighbours .*: Northamptonshire \(928\) no longer exists/);
    // Their own years still answer.
    expect(await ev('=CIC.VALUE("LACStable_2016on", "Northamptonshire", 2020)')).toMatch(/^\d/);
    expect(await ev('=CIC.VALUE("LACStable_2016on", "Cumbria", 2022)')).toMatch(/^\d/);
    // Councils gone before the data begins.
    expect(await ev('=CIC.VALUE("LACStable_2016on", "Beds", 2025)')).toBe(
      '#N/A Bedfordshire no longer exists: on 1 April 2009 it was replaced by Bedford Borough (822) and Central Bedfordshire (823)',
    );
    expect(await ev('=CIC.VALUE("LACStable_2016on", "Cheshire County Council", 2025)')).toMatch(
      /^#N\/A Cheshire no longer exists: .*Cheshire East \(895\) and Cheshire West and Chester \(896\)/,
    );
  });

  test('a successor asked for a year before it was formed names where those figures are', async () => {
    const i = cat.indicator('LACStable_2016on');
    const before = i.years.find((y) => Number(y) <= 2019 && index.distribution(i.key, y).byLa.get(940) === null);
    expect(before).toBeDefined();
    expect(await ev(`=CIC.VALUE("LACStable_2016on", "North Northamptonshire", ${before})`)).toMatch(
      /^#N\/A North Northamptonshire \(940\) was formed on 1 April 2021 from Northamptonshire \(928\), so it has no figures of its own before then; see 928/,
    );
  });
});
