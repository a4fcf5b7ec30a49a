/**
 * LAIT's data dictionary (`lait/lait_data_dictionary.csv`): one row per measure with its name, topic,
 * unit, decimal places, polarity and no-quartile flag. Descriptions span lines inside quotes.
 */
import { z } from 'zod';
import { column, readCsv, validateRow } from './csv';

export interface DictionaryEntry {
  key: string;
  name: string;
  /** The topic of the measure's first row. */
  topic: string;
  /** Every topic the measure is listed under (14 measures appear twice, e.g. CLA absence also under "All Pupil Absence & Exclusions"). */
  topics: string[];
  unit: string;
  dps: number | null;
  polarity: 'High' | 'Low' | null;
  noQuartile: boolean;
  yearType: string;
  description: string;
  source: string;
}

const COLUMNS = ['Measure_short', 'Measure', 'Topic', 'y_axis_name', 'dps', 'Polarity', 'No_Quartile', 'Year_Type', 'Description', 'Hyperlink(s)'] as const;

/** R wrote NA for empty; fields mix CRLF and lone CR line breaks. */
const text = z.string().transform((s) => (s === 'NA' ? '' : s.replace(/\r\n?/g, '\n').trim()));

const RowSchema = z.object({
  Measure_short: z.string().trim().min(1, 'must not be empty'),
  Measure: text,
  Topic: z.string().trim().min(1, 'must not be empty'),
  y_axis_name: text,
  dps: z.union([z.literal('NA').transform(() => null), z.string().regex(/^\d$/, 'expected 0-9 or NA').transform(Number)]),
  Polarity: z.enum(['High', 'Low', '-', 'NA'], 'expected High, Low, - or NA').transform((p) => (p === 'High' || p === 'Low' ? p : null)),
  No_Quartile: z.enum(['N', 'NA', ''], 'expected N or NA').transform((q) => q === 'N'),
  Year_Type: text,
  Description: text,
  'Hyperlink(s)': text,
});

export function parseDictionary(file: string, content: string): Map<string, DictionaryEntry> {
  const table = readCsv(file, content);
  const at = COLUMNS.map((c) => column(table, c));
  const out = new Map<string, DictionaryEntry>();
  table.rows.forEach((row, i) => {
    const raw = Object.fromEntries(COLUMNS.map((c, k) => [c, row[at[k] ?? -1]]));
    const r = validateRow(table, i, RowSchema, raw);
    const seen = out.get(r.Measure_short);
    // A measure listed twice keeps its first row (in this snapshot also the more recently updated one).
    if (seen) {
      if (!seen.topics.includes(r.Topic)) seen.topics.push(r.Topic);
      return;
    }
    out.set(r.Measure_short, {
      key: r.Measure_short,
      name: r.Measure,
      topic: r.Topic,
      topics: [r.Topic],
      unit: r.y_axis_name,
      dps: r.dps,
      polarity: r.Polarity,
      noQuartile: r.No_Quartile,
      yearType: r.Year_Type,
      description: r.Description,
      source: r['Hyperlink(s)'],
    });
  });
  return out;
}
