import { MetadataError } from './metadataError.js';

const NS = {
  x: 'adobe:ns:meta/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  pastiche: 'urn:pastiche:xmp:1.0/',
};

/** The property holding the run record's JSON: pastiche:run. */
const PROPERTY = 'run';

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An XMP packet with one property, pastiche:run, holding `json` as escaped XML text. */
export function xmpPacket(json: string): string {
  const run = `<pastiche:${PROPERTY}>${escapeText(json)}</pastiche:${PROPERTY}>`;
  const description = `<rdf:Description rdf:about="" xmlns:pastiche="${NS.pastiche}">${run}</rdf:Description>`;
  const body = `<x:xmpmeta xmlns:x="${NS.x}"><rdf:RDF xmlns:rdf="${NS.rdf}">${description}</rdf:RDF></x:xmpmeta>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n${body}\n<?xpacket end="w"?>`;
}

/** The little of a DOM that reading the property needs (app/ has no DOM types; @xmldom/xmldom and browsers both fit). */
interface XmlElement {
  readonly textContent: string | null;
  getAttributeNS(namespace: string, name: string): string | null;
  hasAttributeNS(namespace: string, name: string): boolean;
}

interface XmlDocument {
  getElementsByTagNameNS(namespace: string, name: string): { readonly length: number; item(index: number): XmlElement | null };
}

type XmlErrorLevel = 'warning' | 'error' | 'fatalError';

/** A DOMParser class that reports problems through onError, as @xmldom/xmldom's does (app/ takes no packages, so the caller hands it in). */
export interface XmlParserClass {
  new (options: { onError: (level: XmlErrorLevel, message: string) => void }): { parseFromString(source: string, mimeType: 'text/xml'): XmlDocument };
}

function parseStrictly(xmp: string, Parser: XmlParserClass): XmlDocument {
  const onError = (level: XmlErrorLevel, message: string) => {
    if (level !== 'warning') throw new Error(message);
  };
  try {
    return new Parser({ onError }).parseFromString(xmp.replace(/^\uFEFF/, ''), 'text/xml');
  } catch {
    throw new MetadataError('its XMP metadata is not well-formed XML');
  }
}

/**
 * The pastiche:run property of an XMP packet, as an element or (as XMP tools may rewrite simple
 * properties) an attribute of rdf:Description; null when the packet has none.
 */
export function runPropertyFromXmp(xmp: string, Parser: XmlParserClass): string | null {
  const doc = parseStrictly(xmp, Parser);
  const element = doc.getElementsByTagNameNS(NS.pastiche, PROPERTY).item(0);
  if (element) return element.textContent ?? '';
  const descriptions = doc.getElementsByTagNameNS(NS.rdf, 'Description');
  for (let i = 0; i < descriptions.length; i++) {
    const description = descriptions.item(i)!;
    if (description.hasAttributeNS(NS.pastiche, PROPERTY)) return description.getAttributeNS(NS.pastiche, PROPERTY);
  }
  return null;
}
