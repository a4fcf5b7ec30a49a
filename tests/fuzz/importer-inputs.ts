/**
 * Small but complete research-data folders for fuzzing the importer: a synthetic one (always), and slices
 * of the real DfE files in ../shared/research-data when present (three LAIT measures with every
 * geography, their dictionary rows, the first rows of each EES file, both SN files whole).
 * Each is a map path → bytes in the layout `readInputs` reads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { EES_FILES, LAIT_DATA, LAIT_DICTIONARY, SN_2021, SN_2025 } from '../../shared/importers/build-release';

export type InputSet = Map<string, Buffer>;

export const RESEARCH_DATA = resolve(import.meta.dirname, '../../../shared/research-data');

const lines = (...ls: string[]): Buffer => Buffer.from(`${ls.join('\n')}\n`);
const quoted = (rows: string[][]): Buffer => Buffer.from(rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n');

export function syntheticInputs(): InputSet {
  const las = Array.from({ length: 11 }, (_, i) => 801 + i);
  const geographies: [string, number, string][] = [
    ...las.map((n): [string, number, string] => [`LA ${n}`, n, 'North East']),
    ['England', 970, 'NA'],
    ['North East', 980, 'NA'],
  ];
  const grid = (key: string, year: string, value: (n: number) => string) =>
    geographies.map(([name, n, region]) => `${key},,${year},${name},${value(n)},${n},${region}`);
  const sn = (header: string, row: (n: number, group: number[]) => string) =>
    lines(
      header,
      ...las.map((n) =>
        row(
          n,
          las.filter((m) => m !== n),
        ),
      ),
    );
  const ees = lines(
    'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name',
    '2025,Reporting year,National,E92000001,England,,,,,',
    '2025,Reporting year,Regional,E92000001,England,E12000001,North East,,,',
    ...las.map((n) => `2025,Reporting year,Local authority,E92000001,England,E12000001,North East,${n},E06000${n},LA ${n}`),
  );
  return new Map<string, Buffer>([
    [
      LAIT_DATA,
      lines(
        'Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region',
        ...grid('LACStable_2016on', '2025', (n) => (n === 970 ? '10' : n === 980 ? 'c' : `${n - 790}.5`)),
        ...grid('LACStable_2016on', '2024', (n) => (n === 805 ? '-' : `${n % 17}`)),
        ...grid('RescareFinance', '2024-25 (OT)', (n) => `${7000 + n}`),
      ),
    ],
    [
      LAIT_DICTIONARY,
      lines(
        '"Topic","Measure","Measure_short","Polarity","y_axis_name","Description","Hyperlink(s)","dps","Year_Type","No_Quartile"',
        '"Children Looked After","Placement stability – 3 or more placements","LACStable_2016on","Low","%","Spans\r\ntwo lines","u",NA,"Financial Year",NA',
        '"Children\'s Service Finance","Residential care £ weekly unit cost","RescareFinance",NA,"Unit Cost","d","u","0","Financial Year",NA',
      ),
    ],
    [
      SN_2025,
      sn(
        `old_la_code,la_name,region_ind,region_name,${Array.from({ length: 10 }, (_, i) => `SN_${i + 1},SN_${i + 1}P`).join(',')}`,
        (n, g) => `${n},LA ${n},1,North East,${g.map((m) => `${m},Close`).join(',')}`,
      ),
    ],
    [
      SN_2021,
      sn(
        `LA num,LA Name,LA number,GOInd,GOReg,${Array.from({ length: 10 }, (_, i) => `SN${i + 1},SNP`).join(',')},`,
        (n, g) => `${n},LA ${n},${n},1,North East,${g.map((m) => `${m},Close`).join(',')},`,
      ),
    ],
    ...EES_FILES.map((f): [string, Buffer] => [f, ees]),
  ]);
}

/** Slices of the real files, or null when ../shared/research-data is absent. */
export function realSlices(): InputSet | null {
  if (!existsSync(join(RESEARCH_DATA, LAIT_DATA))) return null;
  const read = (p: string) => readFileSync(join(RESEARCH_DATA, p));
  // bds_long.csv is grouped by measure and has no quoted line breaks: the first three measures by line.
  const lait = read(LAIT_DATA).subarray(0, 2_000_000).toString('utf8').split('\n');
  const keys: string[] = [];
  const kept = [lait[0]!];
  for (const line of lait.slice(1)) {
    const key = line.slice(0, line.indexOf(','));
    if (!keys.includes(key)) keys.push(key);
    if (keys.length > 3) break;
    kept.push(line);
  }
  const dictionary = parse(read(LAIT_DICTIONARY), { bom: true }) as string[][];
  const at = dictionary[0]!.indexOf('Measure_short');
  const firstLines = (p: string, n: number) => Buffer.from(`${read(p).toString('utf8').split('\n').slice(0, n).join('\n')}\n`);
  return new Map<string, Buffer>([
    [LAIT_DATA, Buffer.from(`${kept.join('\n')}\n`)],
    [LAIT_DICTIONARY, quoted(dictionary.filter((row, i) => i === 0 || keys.includes(row[at] ?? '')))],
    [SN_2025, read(SN_2025)],
    [SN_2021, read(SN_2021)],
    ...EES_FILES.map((f): [string, Buffer] => [f, firstLines(f, 200)]),
  ]);
}
