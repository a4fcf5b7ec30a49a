/**
 * Text from a release (or a council's file) in a workbook: as text in a cell, as a quoted literal inside a
 * formula, never as a formula. Every sheet writer goes through these.
 *
 * Why the ' prefix and not only the "@" (Text) number format: Excel's own way to enter text that would parse
 * (typing '=1 keeps "=1") works per value, through `.values` and `.formulas` alike, whatever the cell's format
 * and on every host — Excel keeps the mark as the cell's prefix character, shows and returns the text without
 * it, and formulas reading the cell get the text. A format can be replaced (a table style, a paste, a user)
 * and protects only the cells it was set on first, so the writers use "@" only where text must not become a
 * number or date ("2025" stays a label), and the prefix for safety.
 */

/**
 * What Excel's entry parser would not keep as the text given: = + - @ start a formula (and their full-width
 * forms, as East Asian input gives them), a leading tab or line break is how injected formulas hide, and a
 * leading ' would itself be taken as the prefix and dropped.
 */
const PARSED = /^[=+\-@'\t\r\n\uff1d\uff0b\uff0d\uff20]/;

/** Text for a cell, written through `.values` or `.formulas`: prefixed with ' when Excel would parse it. */
export const cellText = (s: string): string => (PARSED.test(s) ? `'${s}` : s);

/** A cell value: text through cellText; numbers, booleans and blanks as they are. */
export const cellValue = <T>(v: T): T | string => (typeof v === 'string' ? cellText(v) : v);

/** Rows of release data for `.values`: every text cell through cellText. */
export const textRows = <T>(rows: readonly (readonly T[])[]): (T | string)[][] => rows.map((r) => r.map(cellValue));

/** Excel refuses a formula whose text literal is longer than this. */
const MAX_LITERAL = 255;

/** A label as a string literal inside a formula: quoted, its double quotes doubled (Excel's only escape). */
export function formulaString(s: string): string {
  if (s.length > MAX_LITERAL) throw new Error(`"${s.slice(0, 40)}…" is longer than the ${MAX_LITERAL} characters Excel allows as text in a formula`);
  return `"${s.replace(/"/g, '""')}"`;
}

/** A sheet name as a formula refers to it: quoted, its single quotes doubled. */
export const sheetRef = (name: string): string => `'${name.replace(/'/g, "''")}'`;
