import type { GgkParameters } from './envelop';

/**
 * How the gateway names itself in the envelopes it sends and answers (spec §2.5: the application
 * name without version, the version in parameters.applicatieVersie/-Subversie, four digits each).
 */
export const GATEWAY_APPLICATIE = 'istd-gateway';
export const GATEWAY_APPLICATIE_VERSIE = '0000';
export const GATEWAY_APPLICATIE_SUBVERSIE = '0001';

/**
 * parameters of an envelope we send with an iWmo/iJw bericht: our application version, and the
 * bericht's own version (Header BerichtVersie/BerichtSubversie, e.g. 3 and 2) as functieVersie (§2.6).
 */
export function uitgaandeParameters(berichtVersie: string, berichtSubversie: string): GgkParameters {
  return {
    applicatieVersie: GATEWAY_APPLICATIE_VERSIE,
    applicatieSubversie: GATEWAY_APPLICATIE_SUBVERSIE,
    functieVersie: vierCijfers(berichtVersie),
    functieSubversie: vierCijfers(berichtSubversie),
  };
}

function vierCijfers(v: string): string {
  const n = v.trim();
  if (!/^\d{1,4}$/.test(n)) throw new Error(`version ${JSON.stringify(n.slice(0, 8))} is not 1 to 4 digits`);
  return n.padStart(4, '0');
}
