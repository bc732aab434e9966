/** One schema finding, reduced so that it never repeats a value from the message. */
export interface GgkXsdFinding {
  line: number | null;
  /** Local name of the element the finding is about, when libxml2 names one. */
  element: string | null;
  message: string;
}

/**
 * libxml2 quotes the offending value (a base64 payload, a name) in its messages, and a value may
 * itself contain quotes. Keep only what comes from the schema: the element name (an XML name never
 * contains a quote), the facet, the type at the end of the message, the expected elements.
 */
export function veiligeMelding(detail: { message: string; line: number }): GgkXsdFinding {
  const message = detail.message.trim();
  const line = detail.line > 0 ? detail.line : null;
  const el = /^Element '(?:\{[^}']*\})?([^']*)'/.exec(message);
  const element = el ? localName(el[1]) : null;
  const prefix = element ? `${element}: ` : '';
  return { line, element, message: prefix + beschrijving(message) };
}

function beschrijving(message: string): string {
  const facet = /^Element '[^']*': \[facet '([A-Za-z]+)'\]/.exec(message);
  if (facet) return `value violates facet ${facet[1]}`;
  const type = /is not a valid value of the (?:atomic |list |union )?type '(?:\{[^}']*\})?([^'{}]*)'\.?$/.exec(message);
  if (type) return `value is not a valid ${type[1]}`;
  const expected = /(This element is not expected|Missing child element\(s\)|Character content other than whitespace is not allowed|Element content is not allowed)[^.]*\.(?: Expected is (?:one of )?\(([^)]*)\))?/.exec(message);
  if (expected && /^Element '[^']*': /.test(message)) {
    const names = expected[2] ? expected[2].split(',').map((n) => localName(n.trim().replace(/^\{[^}]*\}/, ''))) : [];
    return names.length > 0 ? `${expected[1]}; expected ${names.join(', ')}` : expected[1];
  }
  if (/^Element '[^']*': The attribute '[^']*' is required but missing/.test(message)) return 'a required attribute is missing';
  if (/^Element '[^']*', attribute '[^']*': The attribute '[^']*' is not allowed/.test(message)) return 'attribute not allowed';
  if (/No matching global declaration available for the validation root/.test(message)) {
    return 'no matching global declaration for the element';
  }
  return 'not conform the schema';
}

function localName(name: string): string {
  const local = name.slice(name.lastIndexOf(':') + 1);
  return /^[\w.-]{1,80}$/.test(local) ? local : '?';
}

/** The findings as one line for a reason or a log, at most `max` of them. */
export function samenvatting(findings: readonly GgkXsdFinding[], max = 3): string {
  const shown = findings.slice(0, max).map((f) => (f.line ? `line ${f.line}: ${f.message}` : f.message));
  const more = findings.length > max ? ` (+${findings.length - max})` : '';
  return shown.join('; ') + more;
}
