import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { runPropertyFromXmp, xmpPacket } from '../../app/metadata/xmpPacket.js';
import { metadataErrorOf } from './metadataErrorOf.js';

// app/metadata's XMP packet: written without a DOM, read with the XML parser the caller hands in.

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

describe('xmpPacket and runPropertyFromXmp', () => {
  it('write a packet whose pastiche:run property is the JSON, escaped as XML text', () => {
    const json = '{"content":"<b> & \\"c\\" \'d\' ]]>"}';
    const packet = xmpPacket(json);
    expect(packet).toMatch(/^<\?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"\?>\n<x:xmpmeta /);
    expect(packet).toMatch(/\n<\?xpacket end="w"\?>$/);
    expect(packet).toContain('<pastiche:run>{"content":"&lt;b&gt; &amp; \\"c\\" \'d\' ]]&gt;"}</pastiche:run>');
    // An independent reading: the XML parser finds the property in the RDF description, namespaces and all.
    const doc = new DOMParser().parseFromString(packet, 'text/xml');
    const description = doc.getElementsByTagNameNS(RDF, 'Description').item(0)!;
    expect(description.getAttributeNS(RDF, 'about')).toBe('');
    expect(description.getElementsByTagNameNS('urn:pastiche:xmp:1.0/', 'run').item(0)?.textContent).toBe(json);
    expect(runPropertyFromXmp(packet, DOMParser)).toBe(json);
  });

  it('read the property as an attribute of rdf:Description, under any prefix, after a byte-order mark', () => {
    const xmp =
      '\uFEFF<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      '<rdf:Description rdf:about="" xmlns:p="urn:pastiche:xmp:1.0/" p:run="{&quot;seed&quot;:1}"/></rdf:RDF></x:xmpmeta>';
    expect(runPropertyFromXmp(xmp, DOMParser)).toBe('{"seed":1}');
  });

  it('read null from a packet without the property (another tool’s, or a foreign "run")', () => {
    const foreign = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="${RDF}"><rdf:Description xmlns:o="urn:other:1.0/" o:run="x"><o:run>y</o:run></rdf:Description></rdf:RDF></x:xmpmeta>`;
    expect(runPropertyFromXmp(foreign, DOMParser)).toBeNull();
  });

  it('say clearly when the packet is not well-formed XML', () => {
    for (const bad of ['<x:xmpmeta><unclosed></x:xmpmeta>', 'not xml at all <', '']) {
      expect(metadataErrorOf(() => runPropertyFromXmp(bad, DOMParser)).message).toBe('its XMP metadata is not well-formed XML');
    }
  });
});
