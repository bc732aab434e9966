/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** A small indented XML writer; names are passed with their prefix. */
export class XmlWriter {
  private readonly parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  private depth = 0;

  open(name: string, attrs: Record<string, string> = {}): this {
    const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
    this.parts.push(`${'\t'.repeat(this.depth)}<${name}${a}>\n`);
    this.depth++;
    return this;
  }

  close(name: string): this {
    this.depth--;
    this.parts.push(`${'\t'.repeat(this.depth)}</${name}>\n`);
    return this;
  }

  leaf(name: string, text: string | number): this {
    this.parts.push(`${'\t'.repeat(this.depth)}<${name}>${escapeXml(String(text))}</${name}>\n`);
    return this;
  }

  toString(): string {
    return this.parts.join('');
  }
}
