import { DOMImplementation, DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { MetadataError } from './metadataError.js';

const NS = {
  x: 'adobe:ns:meta/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  pastiche: 'urn:pastiche:xmp:1.0/',
};

/** The property holding the run record's JSON: pastiche:run. */
const PROPERTY = 'run';

/** An XMP packet with one property, pastiche:run, holding `json` (escaped by the XML serializer). */
export function xmpPacket(json: string): string {
  const doc = new DOMImplementation().createDocument(NS.x, 'x:xmpmeta', null);
  const rdf = doc.createElementNS(NS.rdf, 'rdf:RDF');
  const description = doc.createElementNS(NS.rdf, 'rdf:Description');
  description.setAttributeNS(NS.rdf, 'rdf:about', '');
  description.setAttribute('xmlns:pastiche', NS.pastiche);
  const run = doc.createElementNS(NS.pastiche, `pastiche:${PROPERTY}`);
  run.appendChild(doc.createTextNode(json));
  description.appendChild(run);
  rdf.appendChild(description);
  doc.documentElement!.appendChild(rdf);
  const body = new XMLSerializer().serializeToString(doc);
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n${body}\n<?xpacket end="w"?>`;
}

/**
 * The pastiche:run property of an XMP packet, as an element or (as XMP tools may rewrite simple
 * properties) an attribute of rdf:Description; null when the packet has none.
 */
export function runPropertyFromXmp(xmp: string): string | null {
  let doc;
  try {
    doc = new DOMParser({ onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    } }).parseFromString(xmp.replace(/^\uFEFF/, ''), 'text/xml');
  } catch {
    throw new MetadataError('its XMP metadata is not well-formed XML');
  }
  const element = doc.getElementsByTagNameNS(NS.pastiche, PROPERTY)[0];
  if (element) return element.textContent ?? '';
  const descriptions = doc.getElementsByTagNameNS(NS.rdf, 'Description');
  for (let i = 0; i < descriptions.length; i++) {
    const attribute = descriptions[i]!.getAttributeNS(NS.pastiche, PROPERTY);
    if (attribute !== null && descriptions[i]!.hasAttributeNS(NS.pastiche, PROPERTY)) return attribute;
  }
  return null;
}
