import type { XmlElement } from '../../istandaarden';
import type { RetourcodesOpPlek } from '../../ingest';

/**
 * The RetourCodes of a built retourbericht, in document order (Header first), each with the path of
 * the element that carries them: what GET /api/berichten/:id shows of the answer. Paths and codes
 * only, never element values.
 */
export function retourcodesVan(root: XmlElement): RetourcodesOpPlek[] {
  const uit: RetourcodesOpPlek[] = [];
  const bezoek = (el: XmlElement): void => {
    const rc = el.child('RetourCodes');
    if (rc) uit.push({ locatie: el.locatie(), codes: rc.childrenNamed('RetourCode').map((c) => c.text.trim()) });
    for (const kind of el.children) if (kind.local !== 'RetourCodes') bezoek(kind);
  };
  bezoek(root);
  return uit;
}
