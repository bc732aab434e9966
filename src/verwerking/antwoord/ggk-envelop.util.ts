import type { GgkEnvelopGegevens, TeVerwerkenBericht } from '../../ingest';

/** The envelope a bericht came in on /ggk (stored by ingest); null for REST. */
export function ggkEnvelopVan(bericht: Pick<TeVerwerkenBericht, 'kanaal' | 'envelope'>): GgkEnvelopGegevens | null {
  if (bericht.kanaal !== 'ggk') return null;
  if (!bericht.envelope) throw new Error('a GGK bericht without its stored envelope');
  return JSON.parse(bericht.envelope) as GgkEnvelopGegevens;
}
