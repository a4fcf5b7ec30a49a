/**
 * An .xlsx file's parts, for the pure sheet reader in shared/importers/xlsx.ts. An .xlsx is a zip:
 * its central directory names each part, and each part is stored or deflated, which node:zlib inflates.
 * Only what Excel writes is accepted (no ZIP64, no encryption, no split archives); anything else is
 * refused by name rather than misread.
 */
import { inflateRawSync } from 'node:zlib';
import type { WorkbookParts } from '../shared/importers/xlsx';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** A part larger than this inflated is not a spreadsheet of statistical neighbours. */
const MAX_PART_BYTES = 64 * 1024 * 1024;

/** Every entry of a zip archive whose name `want` accepts, inflated, by name. */
export function unzip(file: string, bytes: Buffer, want: (name: string) => boolean): Map<string, Buffer> {
  // The end-of-central-directory record is the last 22 bytes, unless a comment (≤ 65,535 bytes) follows it.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip archive (an .xlsx workbook is one)`);
  const entries = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let k = 0; k < entries; k++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw new Error(`${file}: the zip directory is damaged`);
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const offset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (!want(name)) continue;
    if (flags & 1) throw new Error(`${file}: ${name} is encrypted`);
    if (offset + 30 > bytes.length || bytes.readUInt32LE(offset) !== LOCAL) throw new Error(`${file}: ${name} is not where the zip directory says`);
    const start = offset + 30 + bytes.readUInt16LE(offset + 26) + bytes.readUInt16LE(offset + 28);
    const data = bytes.subarray(start, start + size);
    if (data.length !== size || size === 0xffffffff) throw new Error(`${file}: ${name} is truncated or a ZIP64 entry`);
    if (method === 0) out.set(name, Buffer.from(data));
    else if (method === 8) out.set(name, inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES }));
    else throw new Error(`${file}: ${name} uses zip method ${method}, not stored or deflated`);
  }
  return out;
}

/** The workbook parts the sheet reader needs (workbook, relationships, shared strings, worksheets). */
export function workbookParts(file: string, bytes: Buffer): WorkbookParts {
  const parts = unzip(
    file,
    bytes,
    (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml' || /^xl\/worksheets\/[^/]+\.xml$/.test(n),
  );
  const text = (name: string): string | undefined => parts.get(name)?.toString('utf8');
  const workbook = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels');
  if (workbook === undefined || rels === undefined) throw new Error(`${file}: not an Excel workbook (no xl/workbook.xml)`);
  const sharedStrings = text('xl/sharedStrings.xml');
  const sheets: Record<string, string> = {};
  for (const [name, b] of parts) if (name.startsWith('xl/worksheets/')) sheets[name] = b.toString('utf8');
  return { workbook, rels, ...(sharedStrings === undefined ? {} : { sharedStrings }), sheets };
}
