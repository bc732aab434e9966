import { describe, expect, it } from 'vitest';
import { scanXml, XmlInputError } from './scanner';

describe('scanXml', () => {
  it('resolves prefixes and default namespaces per scope', () => {
    const { root } = scanXml('<a:R xmlns:a="urn:a" xmlns="urn:d"><a:X>1</a:X><Y>2</Y><Z xmlns="urn:z"><W/></Z></a:R>');
    expect(root).toMatchObject({ local: 'R', ns: 'urn:a' });
    expect(root.children.map((c) => [c.local, c.ns, c.text])).toEqual([['X', 'urn:a', '1'], ['Y', 'urn:d', '2'], ['Z', 'urn:z', '']]);
    expect(root.children[2].children[0].ns).toBe('urn:z');
  });

  it('decodes the predefined entities, character references and CDATA in leaf text', () => {
    const { root } = scanXml('<r><t>a &amp; b &lt;c&gt; &#233;&#x20AC;</t><u><![CDATA[<x>&amp;]]> y</u><v>a<!-- c -->b</v></r>');
    expect(root.children.map((c) => c.text)).toEqual(['a & b <c> é€', '<x>&amp; y', 'ab']);
  });

  it('keeps leading zeros and spaces: text is never converted', () => {
    const { root } = scanXml('<r><Code>0384</Code><Bsn>012345678</Bsn><Cat>01</Cat></r>');
    expect(root.children.map((c) => c.text)).toEqual(['0384', '012345678', '01']);
  });

  it('gives locaties in the notation of the official report', () => {
    const { root } = scanXml('<B><C><P/><P><D/></P></C><C><P/></C></B>');
    expect(root.children[0].children[1].children[0].locatie()).toBe('/B/C[1]/P[2]/D');
    expect(root.children[1].children[0].locatie()).toBe('/B/C[2]/P');
  });

  it.each([
    ['<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>', /DOCTYPE/],
    ['<r>&e;</r>', /undeclared entity/],
    ['<r><a></b></r>', /does not match/],
    ['<r>', /not closed/],
    ['<r/><s/>', /more than one root/],
    ['<x:r/>', /undeclared namespace prefix/],
    ['text', /root/],
  ])('refuses %s', (xml, message) => {
    expect(() => scanXml(xml)).toThrow(message);
  });

  it('bounds the nesting depth and reports the line', () => {
    const xml = '<r>\n' + '<a>'.repeat(70) + '</a>'.repeat(70) + '</r>';
    try {
      scanXml(xml);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(XmlInputError);
      expect((e as XmlInputError).message).toMatch(/nesting deeper than 64/);
      expect((e as XmlInputError).line).toBe(2);
    }
  });
});
