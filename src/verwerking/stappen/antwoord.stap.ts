import { buildDi01, buildDu01 } from '../../ggk/envelop';
import { GATEWAY_APPLICATIE, uitgaandeParameters } from '../../ggk/gateway-applicatie';
import { berichtDefinitie, buildRetourbericht, validateBericht, type BerichtDefinitie, type SchemaSet, type XmlElement } from '../../istandaarden';
import type { AppConfig } from '../../platform/config';
import type { OutboxWriter } from '../../uitgaand/outbox.port';
import { ggkEnvelopVan } from '../antwoord/ggk-envelop.util';
import { retourIdentificaties } from '../antwoord/retour-identificatie';
import { retourcodesVan } from '../antwoord/retourcodes.util';
import { vandaagInNederland } from '../../platform/tijd/nederlandse-tijd';
import type { VerwerkingContext, VerwerkingStap } from '../verwerking.ports';

export const UITVAL = {
  /** The retour we built fails its own XSD or rules: a bug, never sent. */
  RETOUR_ONGELDIG: 'VERWERKING.RETOUR_ONGELDIG',
  /** Our own 301/319 breaks a rule (level 2, 3 or 4): not sent (a 302/320 with codes = not received). */
  NIET_VERZONDEN: 'VERWERKING.NIET_VERZONDEN',
  /** Our own 301/319 names an Afzender that is not a gemeente this gateway serves. */
  ONBEKENDE_GEMEENTE: 'VERWERKING.ONBEKENDE_GEMEENTE',
  /** A 301/319 arrived from the GGK: the gateway sends those, it does not receive them. */
  ONVERWACHT: 'VERWERKING.ONVERWACHT_BERICHT',
} as const;

/**
 * The one answer per heenbericht (IV028), written to the outbox in the bericht's transaction:
 * - a heenbericht from an aanbieder gets its retourbericht (302-320) built from ctx.stand.retourOordeel,
 *   checked against its own XSD and rules, in a Du01 with crossRefnummer = the Di01's referentienummer;
 * - our own 301/319 (REST) goes out in a Di01 when it broke no rule, else uitval with the reasons.
 * Retourberichten get no answer; the 323/325 are the declaratie work.
 */
export class AntwoordStap implements VerwerkingStap {
  readonly naam = 'antwoord';

  constructor(
    private readonly schemas: SchemaSet,
    private readonly outbox: OutboxWriter,
    private readonly config: Pick<AppConfig, 'gemeenteCodes'>,
    private readonly klok: () => Date = () => new Date(),
  ) {}

  async voerUit(ctx: VerwerkingContext): Promise<void> {
    const def = ctx.validated.definitie;
    if (!def) throw new Error('a schema-valid bericht without definitie');
    if (def.isRetour || def.nummer === '323' || def.nummer === '325') return;
    const root = ctx.validated.root;
    if (!root) throw new Error('a schema-valid bericht without its tree');
    if (def.richting === 'aanbieder-naar-gemeente') await this.retour(ctx, def, root);
    else await this.verzend(ctx, def, root);
  }

  private async retour(ctx: VerwerkingContext, def: BerichtDefinitie, root: XmlElement): Promise<void> {
    const oordeel = ctx.stand.retourOordeel;
    if (!oordeel) throw new Error(`no retour oordeel for ${def.naam}: the rules step must run before the answer`);
    const retourDef = berichtDefinitie(def.beantwoordDoor ?? '');
    if (!retourDef) throw new Error(`${def.naam} has no retourbericht`);
    const xml = buildRetourbericht(root, def, oordeel, {
      identificatieRetour: await retourIdentificaties.volgende(ctx.tx),
      dagtekeningRetour: vandaagInNederland(this.klok()),
      xsdVersieRetour: this.schemas.xsdVersie(retourDef),
    });
    const eigen = validateBericht(Buffer.from(xml, 'utf8'), this.schemas);
    if (!eigen.valid || !eigen.root) {
      const wat = eigen.xsd.length > 0 ? `its XSD (${eigen.xsd[0].message})` : `rules ${eigen.regels.map((r) => r.code).join(', ')}`;
      ctx.stand.uitval = { code: UITVAL.RETOUR_ONGELDIG, message: `the ${retourDef.naam} built for this bericht fails ${wat}; not sent` };
      ctx.stand.goedgekeurd = false;
      ctx.log.error({ retour: retourDef.naam, xsd: eigen.xsd.length, regels: eigen.regels.map((r) => r.code) }, 'built retourbericht is not valid: uitval, nothing sent');
      return;
    }
    const retourcodes = retourcodesVan(eigen.root);
    const envelop = ggkEnvelopVan(ctx.bericht);
    if (!envelop) {
      ctx.stand.antwoord = {
        envelop: null, functie: retourDef.naam, referentienummer: null, crossRefnummer: null, outboxId: null, retourcodes,
        toelichting: 'received over REST: there is no GGK envelope to answer; the retourbericht was built and checked, not sent',
      };
      return;
    }
    const sg = envelop.stuurgegevens;
    const du01 = buildDu01({
      zender: { organisatie: sg.ontvanger.organisatie, applicatie: GATEWAY_APPLICATIE },
      ontvanger: sg.zender.organisatie,
      functie: retourDef.naam,
      parameters: uitgaandeParameters(root.textAt('Header', 'BerichtVersie') ?? '', root.textAt('Header', 'BerichtSubversie') ?? ''),
      bericht: xml,
      crossRefnummer: sg.referentienummer,
    });
    const outboxId = await this.outbox.schrijf(ctx.tx, {
      soort: 'Du01', functie: retourDef.naam, referentienummer: du01.referentienummer, crossRefnummer: sg.referentienummer,
      envelop: du01.xml, inboundId: ctx.bericht.id, correlationId: ctx.bericht.correlationId,
    });
    ctx.stand.antwoord = { envelop: 'Du01', functie: retourDef.naam, referentienummer: du01.referentienummer, crossRefnummer: sg.referentienummer, outboxId, retourcodes };
    ctx.log.info({ outboxId, retour: retourDef.naam, oordeel: oordeel.soort, retourcodes: retourcodes.flatMap((r) => r.codes) }, 'retourbericht written to the outbox');
  }

  private async verzend(ctx: VerwerkingContext, def: BerichtDefinitie, root: XmlElement): Promise<void> {
    if (ctx.bericht.kanaal === 'ggk') {
      ctx.stand.uitval = { code: UITVAL.ONVERWACHT, message: `a ${def.naam} arrived from the GGK; the gateway sends these, it does not receive them` };
      return;
    }
    if (ctx.regels.length > 0) {
      const codes = [...new Set(ctx.regels.map((r) => `${r.code} (${r.retourcode})`))].join(', ');
      ctx.stand.uitval = { code: UITVAL.NIET_VERZONDEN, message: `this ${def.naam} breaks ${codes}; not sent` };
      return;
    }
    const afzender = (root.textAt('Header', 'Afzender') ?? '').trim();
    if (!this.config.gemeenteCodes.includes(afzender)) {
      ctx.stand.uitval = { code: UITVAL.ONBEKENDE_GEMEENTE, message: 'Afzender is not a gemeente this gateway serves (GEMEENTE_CODES); not sent' };
      return;
    }
    const di01 = buildDi01({
      zender: { organisatie: afzender, applicatie: GATEWAY_APPLICATIE },
      ontvanger: (root.textAt('Header', 'Ontvanger') ?? '').trim(),
      functie: def.naam,
      parameters: uitgaandeParameters(root.textAt('Header', 'BerichtVersie') ?? '', root.textAt('Header', 'BerichtSubversie') ?? ''),
      bericht: ctx.bericht.raw,
    });
    const outboxId = await this.outbox.schrijf(ctx.tx, {
      soort: 'Di01', functie: def.naam, referentienummer: di01.referentienummer, crossRefnummer: null,
      envelop: di01.xml, inboundId: ctx.bericht.id, correlationId: ctx.bericht.correlationId,
    });
    ctx.stand.antwoord = { envelop: 'Di01', functie: def.naam, referentienummer: di01.referentienummer, crossRefnummer: null, outboxId, retourcodes: [] };
    ctx.log.info({ outboxId, bericht: def.naam }, 'our bericht written to the outbox');
  }
}
