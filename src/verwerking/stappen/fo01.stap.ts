import { buildFo01, GGK_FOUTCODES } from '../../ggk/envelop';
import { GATEWAY_APPLICATIE } from '../../ggk/gateway-applicatie';
import type { XsdFinding } from '../../istandaarden';
import type { OutboxWriter } from '../../uitgaand/outbox.port';
import { ggkEnvelopVan } from '../antwoord/ggk-envelop.util';
import type { VerwerkingContext, VerwerkingStap } from '../verwerking.ports';

/**
 * Level 1: a payload from the GGK that fails its XSD gets a Fo01 StUF055 to its sender, with
 * crossRefnummer = the envelope's referentienummer, and no retourbericht (architecture.md §2 step 2,
 * spec §2.3). The bericht ends in uitval. Over REST there is nobody to send it to: uitval only.
 */
export class Fo01Stap implements VerwerkingStap {
  readonly naam = 'fo01';

  constructor(private readonly outbox: OutboxWriter) {}

  async bijXsdFout(ctx: VerwerkingContext): Promise<void> {
    const envelop = ggkEnvelopVan(ctx.bericht);
    if (!envelop) return;
    const sg = envelop.stuurgegevens;
    const fout = { code: 'StUF055', omschrijving: `${GGK_FOUTCODES.StUF055.omschrijving}: ${samenvatting(ctx.validated.bericht ?? sg.functie ?? 'bericht', ctx.validated.xsd)}` };
    const fo01 = buildFo01({ zender: { organisatie: sg.ontvanger.organisatie, applicatie: GATEWAY_APPLICATIE }, antwoordOp: envelop, fout });
    const outboxId = await this.outbox.schrijf(ctx.tx, {
      soort: 'Fo01',
      functie: null,
      referentienummer: fo01.referentienummer,
      crossRefnummer: sg.referentienummer,
      envelop: fo01.xml,
      inboundId: ctx.bericht.id,
      correlationId: ctx.bericht.correlationId,
    });
    ctx.stand.antwoord = { envelop: 'Fo01', functie: null, referentienummer: fo01.referentienummer, crossRefnummer: sg.referentienummer, outboxId, retourcodes: [], foutcode: 'StUF055' };
    ctx.log.info({ outboxId, crossRefnummer: sg.referentienummer, xsd: ctx.validated.xsd.length }, 'payload fails its XSD: Fo01 StUF055 written to the outbox');
  }
}

/** The first finding, shortened by the core to element and rule (never the value), and a count. */
export function samenvatting(naam: string, xsd: readonly XsdFinding[]): string {
  const eerste = xsd[0];
  const plek = eerste?.line ? `line ${eerste.line}: ` : '';
  const meer = xsd.length > 1 ? ` (and ${xsd.length - 1} more)` : '';
  return `${naam} ${plek}${eerste?.message ?? 'not valid'}${meer}`;
}
