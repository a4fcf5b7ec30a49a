/**
 * A small XML reader for the manifest check: enough of XML 1.0 to reject what is not well-formed
 * (unbalanced or mis-nested tags, bad attributes, unknown entities, two roots) and to hand back the
 * element tree. No XML parser is installed, and Microsoft's validator needs the internet.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string, where: number): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);|&/g, (m, ref: string | undefined) => {
    if (!ref) throw new Error(`bare & at offset ${where}`);
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    const e = ENTITIES[ref];
    if (e === undefined) throw new Error(`unknown entity &${ref}; at offset ${where}`);
    return e;
  });
}

export function parseXml(text: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const fail = (msg: string): never => {
    const line = text.slice(0, i).split('\n').length;
    throw new Error(`not well-formed XML, line ${line}: ${msg}`);
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt === -1 ? text.length : lt);
    if (chunk.trim()) {
      if (stack.length === 0) fail('text outside the root element');
      stack[stack.length - 1]!.text += decode(chunk, i);
    }
    if (lt === -1) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) fail('unterminated comment');
      if (text.slice(i + 4, end).includes('--')) fail('"--" inside a comment');
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end === -1) fail('unterminated processing instruction');
      if (text.startsWith('<?xml', i) && i !== 0) fail('XML declaration not at the start');
      i = end + 2;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i);
      if (end === -1 || stack.length === 0) fail('bad CDATA section');
      stack[stack.length - 1]!.text += text.slice(i + 9, end);
      i = end + 3;
    } else if (text.startsWith('<!', i)) {
      fail('DOCTYPE and declarations are not allowed in a manifest');
    } else if (text.startsWith('</', i)) {
      const m = NAME.exec(text.slice(i + 2));
      const name = m?.[0] ?? fail('bad closing tag');
      const open = stack.pop();
      if (!open || open.name !== name) fail(`</${name}> closes ${open ? `<${open.name}>` : 'nothing'}`);
      const end = text.indexOf('>', i);
      if (end === -1 || text.slice(i + 2 + name.length, end).trim()) fail(`bad closing tag </${name}`);
      i = end + 1;
    } else {
      const m = NAME.exec(text.slice(i + 1));
      const name = m?.[0] ?? fail('bad tag name');
      i += 1 + name.length;
      const el: XmlElement = { name, attrs: {}, children: [], text: '' };
      for (;;) {
        const ws = /^\s*/.exec(text.slice(i))![0].length;
        i += ws;
        if (text.startsWith('/>', i) || text.startsWith('>', i)) break;
        if (ws === 0) fail(`attributes of <${name}> must be separated by spaces`);
        const a = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(text.slice(i));
        if (!a) fail(`bad attribute in <${name}>`);
        const [whole, attr, , dq, sq] = a!;
        if (attr! in el.attrs) fail(`duplicate attribute ${attr} in <${name}>`);
        el.attrs[attr!] = decode(dq ?? sq ?? '', i);
        i += whole.length;
      }
      if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
      else if (root) fail('a second root element');
      else root = el;
      if (text.startsWith('/>', i)) i += 2;
      else {
        i += 1;
        stack.push(el);
      }
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) fail('no root element');
  return root!;
}

/** Every element in document order. */
export function* walk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
