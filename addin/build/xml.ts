/**
 * The manifest as an element tree, read with fast-xml-parser: its validator rejects what is not
 * well-formed XML (unbalanced or mis-nested tags, bad attributes, two roots), and the ordered parse
 * keeps elements in document order for the checks in manifest-check.ts.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ATTRS = ':@';
const TEXT = '#text';
type Node = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  processEntities: true,
  htmlEntities: true,
});

function toElement(node: Node): XmlElement | null {
  const name = Object.keys(node).find((k) => k !== ATTRS);
  if (!name || name.startsWith('#') || name.startsWith('?')) return null;
  const el: XmlElement = { name, attrs: (node[ATTRS] as Record<string, string> | undefined) ?? {}, children: [], text: '' };
  for (const child of node[name] as Node[]) {
    if (TEXT in child) el.text += String(child[TEXT]);
    else if ('#cdata' in child) el.text += (child['#cdata'] as Node[]).map((c) => String(c[TEXT] ?? '')).join('');
    else {
      const c = toElement(child);
      if (c) el.children.push(c);
    }
  }
  return el;
}

export function parseXml(text: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  const roots = (parser.parse(text) as Node[]).map(toElement).filter((e): e is XmlElement => e !== null);
  if (roots.length !== 1) throw new Error(`not well-formed XML: ${roots.length} root elements`);
  return roots[0]!;
}

export function* walk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
