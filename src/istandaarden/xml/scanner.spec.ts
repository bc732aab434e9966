import { describe, expect, it } from 'vitest';
import { indexByLocalName } from '../regels/engine';
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

  it('builds the by-local-name index of the rules engine on the way, in document order', () => {
    const xml = '<a:R xmlns:a="urn:a" xmlns:b="urn:b"><a:P><b:X>1</b:X><a:X>2</a:X></a:P><a:P><b:X>3</b:X><Y/></a:P></a:R>';
    const { root, elementsByLocal } = scanXml(xml);
    const expected = indexByLocalName(root);
    expect([...elementsByLocal.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [local, list] of expected) expect(elementsByLocal.get(local)).toEqual(list);
    expect(elementsByLocal.get('X')?.map((x) => x.text)).toEqual(['1', '2', '3']);
  });

  it('keeps each leaf its own value when names and values repeat or change', () => {
    const rows = ['2025-04-01', '2025-04-01', '2025-04-02', '', '2025-04-01', 'a&amp;b', 'a&amp;b', '2025-04-01'];
    const xml = `<r>${rows.map((v) => `<p><d>${v}</d><e>${v}x</e></p>`).join('')}<p><d/><e><!--c-->y</e></p></r>`;
    const { root } = scanXml(xml);
    const decoded = rows.map((v) => v.replace('&amp;', '&'));
    expect(root.children.map((p) => p.children.map((c) => c.text))).toEqual([...decoded.map((v) => [v, `${v}x`]), ['', 'y']]);
  });

  it('matches end tags by local name, with or without a prefix or trailing white space', () => {
    const { root } = scanXml('<a:r xmlns:a="urn:a"><a:x>1</a:x ><y>2</y\t><a:z>3</z></a:r>');
    expect(root.children.map((c) => c.text)).toEqual(['1', '2', '3']);
    expect(() => scanXml('<r><x></xx></r>')).toThrow(/does not match start tag <x>/);
    expect(() => scanXml('<r><x></x y></r>')).toThrow(/does not match/);
  });

  it('records end tag offsets down to a depth when asked', () => {
    const xml = '<r><c><p/></c><c>t</c></r>';
    const { root, endTags } = scanXml(xml, { endTagsToDepth: 2 });
    expect(endTags.get(root)).toBe(xml.lastIndexOf('</r>'));
    expect(root.children.map((c) => endTags.get(c))).toEqual([xml.indexOf('</c>'), xml.lastIndexOf('</c>')]);
    expect(endTags.has(root.children[0].children[0])).toBe(false);
    expect(scanXml(xml).endTags.size).toBe(0);
  });

  it('builds children arrays of exactly the children, and none for leaves', () => {
    const { root } = scanXml('<r><a><b/><c>x</c></a><d/></r>');
    expect(root.children.map((c) => c.local)).toEqual(['a', 'd']);
    expect(root.children[0].children.map((c) => [c.local, c.parent === root.children[0]])).toEqual([
      ['b', true],
      ['c', true],
    ]);
    expect(root.children[1].children).toEqual([]);
  });

  it('shares nothing between documents but names: namespaces, text and index are per document', () => {
    const a = scanXml('<p:r xmlns:p="urn:one"><p:x>same</p:x><p:x>same</p:x></p:r>');
    const b = scanXml('<p:r xmlns:p="urn:two"><p:x>same</p:x><p:y>other</p:y></p:r>');
    expect(a.root.ns).toBe('urn:one');
    expect(b.root.ns).toBe('urn:two');
    expect(b.root.children.map((c) => [c.local, c.ns, c.text])).toEqual([
      ['x', 'urn:two', 'same'],
      ['y', 'urn:two', 'other'],
    ]);
    expect(a.elementsByLocal.get('x')).toHaveLength(2);
    expect(b.elementsByLocal.get('x')).toHaveLength(1);
    expect(a.elementsByLocal.get('x')?.[0].parent).toBe(a.root);
    expect(() => scanXml('<p:r><p:x/></p:r>')).toThrow(/undeclared namespace prefix 'p'/);
  });
});
