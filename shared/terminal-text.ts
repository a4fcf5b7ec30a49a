/**
 * Text from a release or a council's file printed to a terminal: data, never a control sequence. C0 controls
 * (ESC, CR, BEL, tab and line feed inside a field…), DEL and C1 (8-bit CSI and OSC) would move the cursor,
 * erase lines or open OSC 8 links; Unicode's bidi controls (U+061C, U+200E/F, U+202A–E, U+2066–9) reorder
 * what is shown, and U+2028/9 break lines. Each prints as an escape the reader can see: \x1b, \u202e.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// What JSON.stringify leaves raw of those (it escapes U+0000–U+001F itself; its own line breaks are structure).
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');

/** One field of output (a name, a message): every control character as \xHH or \uHHHH. */
export const terminalText = (s: string): string => s.replace(CONTROL, (c) => (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));

/** JSON for a terminal: still valid JSON that reads back to the same value, with no control character raw. */
export const terminalJson = (value: unknown, indent?: number): string => JSON.stringify(value, null, indent).replace(RAW_IN_JSON, (c) => `\\u${hex(c, 4)}`);
