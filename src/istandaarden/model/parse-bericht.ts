import type { BerichtDefinitie } from '../catalogus';
import type { XmlElement } from '../xml/element';
import type {
  Geboortedatum,
  AangevraagdProduct, Antwoord, Bedrag, BerichtInhoud, Declaratie, GetypeerdBericht, Header, Omvang,
  Prestatie, Product, StartProduct, StopProduct, ToegewezenProduct, Verzoek,
} from './types';

/**
 * Maps a schema-valid bericht tree to typed objects. Elements are matched by namespace: the
 * bericht's own elements live in its message namespace, the children of composite types (CDT_*)
 * in the basisschema namespace (istandaarden-3.2.md §2).
 */
export function parseBericht(root: XmlElement, def: BerichtDefinitie): GetypeerdBericht {
  const r = new Reader(def);
  const header = r.req(root, 'Header');
  return { header: parseHeader(r, header), inhoud: parseInhoud(r, root, def) };
}

class Reader {
  constructor(private readonly def: BerichtDefinitie) {}

  /** A child in the message namespace. */
  el(parent: XmlElement | undefined, local: string): XmlElement | undefined {
    return parent?.children.find((c) => c.local === local && c.ns === this.def.namespace);
  }

  /** A child in the basisschema namespace (inside a composite type). */
  basis(parent: XmlElement | undefined, local: string): XmlElement | undefined {
    return parent?.children.find((c) => c.local === local && c.ns === this.def.basisNamespace);
  }

  all(parent: XmlElement | undefined, local: string): XmlElement[] {
    return parent ? parent.children.filter((c) => c.local === local && c.ns === this.def.namespace) : [];
  }

  req(parent: XmlElement | undefined, local: string, basis = false): XmlElement {
    const el = basis ? this.basis(parent, local) : this.el(parent, local);
    if (!el) throw new Error(`${this.def.naam}: element ${local} missing (is the bericht schema-valid?)`);
    return el;
  }

  text(parent: XmlElement | undefined, local: string, basis = false): string | null {
    const el = basis ? this.basis(parent, local) : this.el(parent, local);
    return el ? el.text : null;
  }

  reqText(parent: XmlElement | undefined, local: string, basis = false): string {
    return this.req(parent, local, basis).text;
  }

  num(parent: XmlElement | undefined, local: string, basis = false): number | null {
    const t = this.text(parent, local, basis);
    return t === null ? null : Number(t);
  }
}

function parseHeader(r: Reader, h: XmlElement): Header {
  const id = r.req(h, 'BerichtIdentificatie');
  const xsd = r.el(h, 'XsdVersie');
  const codes = r.el(h, 'RetourCodes');
  return {
    berichtCode: r.reqText(h, 'BerichtCode'),
    berichtVersie: r.reqText(h, 'BerichtVersie'),
    berichtSubversie: r.reqText(h, 'BerichtSubversie'),
    afzender: r.reqText(h, 'Afzender'),
    ontvanger: r.reqText(h, 'Ontvanger'),
    berichtIdentificatie: { identificatie: r.reqText(id, 'Identificatie', true), dagtekening: r.reqText(id, 'Dagtekening', true) },
    xsdVersie: { basisschema: r.text(xsd, 'BasisschemaXsdVersie', true) ?? '', bericht: r.text(xsd, 'BerichtXsdVersie', true) ?? '' },
    retourCodes: codes ? codes.children.map((c) => c.text) : [],
  };
}

function product(r: Reader, parent: XmlElement, local = 'Product'): Product | null {
  const p = r.el(parent, local);
  return p ? { categorie: r.text(p, 'Categorie', true), code: r.text(p, 'Code', true) } : null;
}

function omvang(r: Reader, parent: XmlElement): Omvang | null {
  const o = r.el(parent, 'Omvang');
  if (!o) return null;
  return { volume: Number(r.reqText(o, 'Volume', true)), eenheid: r.reqText(o, 'Eenheid', true), frequentie: r.reqText(o, 'Frequentie', true) };
}

function bedrag(r: Reader, el: XmlElement, veld: 'Bedrag' | 'TotaalBedrag'): Bedrag {
  return { centen: Number(r.reqText(el, veld, true)), debetCredit: r.reqText(el, 'DebetCredit', true) as 'D' | 'C' };
}

function parseInhoud(r: Reader, root: XmlElement, def: BerichtDefinitie): BerichtInhoud {
  const client = r.el(root, 'Client');
  const bsn = client ? r.text(client, 'Bsn') : null;
  switch (def.nummer) {
    case '301':
    case '302':
      return { nummer: def.nummer, bsn: bsn ?? '', geboortedatum: geboortedatum(r, r.el(client, 'Geboortedatum')), toegewezenProducten: r.all(r.el(client, 'ToegewezenProducten'), 'ToegewezenProduct').map((tp) => toegewezen(r, tp)) };
    case '305':
    case '306':
      return { nummer: def.nummer, bsn, startProducten: r.all(r.el(client, 'StartProducten'), 'StartProduct').map((sp) => start(r, sp)) };
    case '307':
    case '308':
      return { nummer: def.nummer, bsn, stopProducten: r.all(r.el(client, 'StopProducten'), 'StopProduct').map((sp) => stop(r, sp)) };
    case '315':
    case '316':
      return { nummer: def.nummer, bsn, aangevraagdeProducten: r.all(r.el(client, 'AangevraagdeProducten'), 'AangevraagdProduct').map((ap) => aangevraagd(r, ap)) };
    case '317':
    case '318': {
      const v = r.el(client, 'Verzoek');
      return { nummer: def.nummer, bsn, verzoek: v ? verzoek(r, v) : null };
    }
    case '319':
    case '320': {
      const a = r.el(root, 'Antwoord');
      return { nummer: def.nummer, antwoord: a ? antwoord(r, a) : null };
    }
    case '323':
      return { nummer: '323', declaratie: declaratie(r, r.req(root, 'Declaratie')) };
    case '325': {
      const da = r.el(root, 'DeclaratieAntwoord');
      return { nummer: '325', declaratieNummer: da ? r.text(da, 'DeclaratieNummer') : null };
    }
  }
}

function toegewezen(r: Reader, tp: XmlElement): ToegewezenProduct {
  return {
    toewijzingNummer: r.reqText(tp, 'ToewijzingNummer'),
    referentieAanbieder: r.text(tp, 'ReferentieAanbieder'),
    product: product(r, tp),
    toewijzingsdatum: r.reqText(tp, 'Toewijzingsdatum'),
    toewijzingstijd: r.reqText(tp, 'Toewijzingstijd'),
    ingangsdatum: r.reqText(tp, 'Ingangsdatum'),
    einddatum: r.text(tp, 'Einddatum'),
    redenWijziging: r.text(tp, 'RedenWijziging'),
    omvang: omvang(r, tp),
    budgetCenten: r.num(tp, 'Budget'),
  };
}

function start(r: Reader, sp: XmlElement): StartProduct {
  return {
    toewijzingNummer: r.text(sp, 'ToewijzingNummer'),
    product: product(r, sp),
    toewijzingIngangsdatum: r.text(sp, 'ToewijzingIngangsdatum'),
    begindatum: r.reqText(sp, 'Begindatum'),
    statusAanlevering: r.reqText(sp, 'StatusAanlevering'),
  };
}

function stop(r: Reader, sp: XmlElement): StopProduct {
  return { ...start(r, sp), redenBeeindiging: r.reqText(sp, 'RedenBeeindiging'), einddatum: r.reqText(sp, 'Einddatum') };
}

function aangevraagd(r: Reader, ap: XmlElement): AangevraagdProduct {
  return {
    referentieAanbieder: r.reqText(ap, 'ReferentieAanbieder'),
    product: product(r, ap),
    toewijzingIngangsdatum: r.reqText(ap, 'ToewijzingIngangsdatum'),
    toewijzingEinddatum: r.text(ap, 'ToewijzingEinddatum'),
    omvang: omvang(r, ap),
    budgetCenten: r.num(ap, 'Budget'),
  };
}

function verzoek(r: Reader, v: XmlElement): Verzoek {
  return {
    referentieAanbieder: r.reqText(v, 'ReferentieAanbieder'),
    redenVerzoek: r.reqText(v, 'RedenVerzoek'),
    ongewijzigd: r.all(r.el(v, 'OngewijzigdeProducten'), 'OngewijzigdProduct').map((o) => r.reqText(o, 'ToewijzingNummer')),
    teWijzigen: r.all(r.el(v, 'TeWijzigenProducten'), 'TeWijzigenProduct').map((t) => ({
      toewijzingNummer: r.reqText(t, 'ToewijzingNummer'),
      gewensteIngangsdatum: r.reqText(t, 'GewensteIngangsdatum'),
      einddatum: r.text(t, 'Einddatum'),
      omvang: omvang(r, t),
      budgetCenten: r.num(t, 'Budget'),
    })),
    nieuw: r.all(r.el(v, 'NieuweProducten'), 'NieuwProduct').map((n) => ({
      product: product(r, n),
      gewensteIngangsdatum: r.reqText(n, 'GewensteIngangsdatum'),
      einddatum: r.text(n, 'Einddatum'),
      omvang: omvang(r, n),
      budgetCenten: r.num(n, 'Budget'),
    })),
  };
}

function antwoord(r: Reader, a: XmlElement): Antwoord {
  return {
    referentieAanbieder: r.reqText(a, 'ReferentieAanbieder'),
    verzoekAntwoord: r.reqText(a, 'VerzoekAntwoord'),
    redenAfwijzingVerzoek: r.text(a, 'RedenAfwijzingVerzoek'),
    woonplaatsbeginselGemeente: r.text(r.el(a, 'Woonplaatsbeginsel'), 'Gemeente'),
  };
}

function declaratie(r: Reader, d: XmlElement): Declaratie {
  const periode = r.req(d, 'DeclaratiePeriode');
  return {
    declaratieNummer: r.reqText(d, 'DeclaratieNummer'),
    declaratiePeriode: { begindatum: r.reqText(periode, 'Begindatum', true), einddatum: r.reqText(periode, 'Einddatum', true) },
    declaratieDagtekening: r.reqText(d, 'DeclaratieDagtekening'),
    totaalIngediendBedrag: bedrag(r, r.req(d, 'TotaalIngediendBedrag'), 'TotaalBedrag'),
    clienten: r.all(r.el(d, 'Clienten'), 'Client').map((c) => ({
      bsn: r.reqText(c, 'Bsn'),
      prestaties: r.all(r.el(c, 'Prestaties'), 'Prestatie').map((p) => prestatie(r, p)),
    })),
  };
}

function prestatie(r: Reader, p: XmlElement): Prestatie {
  const ref = r.req(p, 'ProductReferentie');
  const periode = r.req(p, 'ProductPeriode');
  return {
    referentieNummer: r.reqText(ref, 'ReferentieNummer', true),
    vorigReferentieNummer: r.text(ref, 'VorigReferentieNummer', true),
    toewijzingNummer: r.reqText(p, 'ToewijzingNummer'),
    productCategorie: r.reqText(p, 'ProductCategorie'),
    productCode: r.reqText(p, 'ProductCode'),
    productPeriode: { begindatum: r.reqText(periode, 'Begindatum', true), einddatum: r.reqText(periode, 'Einddatum', true) },
    geleverdVolume: Number(r.reqText(p, 'GeleverdVolume')),
    eenheid: r.reqText(p, 'Eenheid'),
    productTariefCenten: r.num(p, 'ProductTarief'),
    ingediendBedrag: bedrag(r, r.req(p, 'IngediendBedrag'), 'Bedrag'),
  };
}

function geboortedatum(r: Reader, el: XmlElement | undefined): Geboortedatum | null {
  const datum = r.text(el, 'Datum', true);
  return el && datum !== null ? { datum, datumGebruik: r.text(el, 'DatumGebruik', true) } : null;
}
