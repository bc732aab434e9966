import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { DetectorenConfig } from '../../platform/config';
import type { Signaal, SignaalWriter } from '../signaal.port';
import { detecteerBeeindigingAanbieder } from './beeindiging-aanbieder.detector';
import { detecteerBerichtUitval } from './bericht-uitval.detector';
import { detecteerBestedingsruimteBesluit } from './bestedingsruimte-besluit.detector';
import { detecteerDreigendeOverschrijding } from './bestedingsruimte-dreigt.detector';
import { detecteerEindeLopendeZorg } from './einde-lopende-zorg.detector';
import { detecteerLooptijd } from './looptijd-check.detector';
import { detecteerClientenstopActief } from './clientenstop-actief.detector';
import { detecteerStopOpheffen } from './clientenstop-opheffen.detector';
import { detecteerDeclaratieUitval } from './declaratie-uitval.detector';
import {
  leesAflopendeContracten, leesBestedingsruimteStops, leesContractBestedingsruimtes, leesLopendeBestedingsruimtes, leesNieuweContracten, leesNieuweWmoToewijzingen, leesClientenstopDag, leesEenzijdigeBeeindigingen, leesVerwerkteHeenberichten, leesContractActiviteit, leesContractInzet, leesContractWachttijdNormen, leesContractLooptijden, leesDeclaratieMaand, leesJeugdigenMetToewijzing, leesOpenTermijnen, leesStartStopMeldingen, leesToewijzingWachttijden, leesVerzondenHeenberichten,
} from './detectoren.repository';
import { detecteerGeenLevering } from './geen-levering.detector';
import { plusDagen, vorigeMaand } from './kalender';
import { detecteerOnvoldoendeInzet } from './onvoldoende-inzet.detector';
import { detecteerPlan165 } from './plan-16-5.detector';
import { detecteerTermijnen } from './termijn.detector';
import { detecteerTermijnAanbieder } from './termijn-aanbieder.detector';
import { detecteerRetourTermijnAanbieder } from './termijn-aanbieder-retour.detector';
import { detecteerVerlenging } from './verlenging.detector';
import { detecteerWachttijd } from './wachttijd.detector';
import { detecteerWmoVoor18 } from './wmo-voor-18.detector';

/** One detector: reads plain rows for `vandaag` and returns the signals (pure after the read). */
export interface Detector {
  naam: string;
  detecteer(m: EntityManager, vandaag: string, waargenomenOp: string): Promise<Signaal[]>;
}

export type DetectorInstellingen = Pick<
  DetectorenConfig,
  'verlengingVoorloopDagen' | 'bestedingsruimteVoorloopDagen' | 'wachttijdNormWeken' | 'productgroepen' | 'plan165VooruitMaanden' | 'termijnWaarschuwingWerkdagen' | 'termijnHorizonDagen'
>;

/** A detector over the previous calendar month of vandaag: its rows read from the month's first to its last day. */
function overVorigeMaand<R>(
  naam: string,
  lees: (m: EntityManager, van: string, tot: string) => Promise<R[]>,
  detecteer: (rijen: R[], vandaag: string, waargenomenOp: string) => Signaal[],
): Detector {
  return {
    naam,
    detecteer: async (m, v, w) => {
      const maand = vorigeMaand(v);
      return detecteer(await lees(m, maand.van, maand.tot), v, w);
    },
  };
}

export function standaardDetectoren(config: DetectorInstellingen): Detector[] {
  return [
    { naam: 'levering.geen-12-maanden', detecteer: async (m, v, w) => detecteerGeenLevering(await leesContractActiviteit(m, v), v, w) },
    { naam: 'contract.onvoldoende-inzet', detecteer: async (m, v, w) => detecteerOnvoldoendeInzet(await leesContractInzet(m, v), v, w) },
    { naam: 'bestedingsruimte.dreigt', detecteer: async (m, v, w) => detecteerDreigendeOverschrijding(await leesLopendeBestedingsruimtes(m, v), v, w) },
    {
      naam: 'bestedingsruimte.besluit',
      detecteer: async (m, v, w) => detecteerBestedingsruimteBesluit(await leesContractBestedingsruimtes(m, v), v, config.bestedingsruimteVoorloopDagen, w),
    },
    { naam: 'contract.looptijd', detecteer: async (m, v, w) => detecteerLooptijd(await leesNieuweContracten(m, v), w) },
    { naam: 'contract.einde-lopende-zorg', detecteer: async (m, v, w) => detecteerEindeLopendeZorg(await leesAflopendeContracten(m, v), v, w) },
    { naam: 'contract.verlenging', detecteer: async (m, v, w) => detecteerVerlenging(await leesContractLooptijden(m, v), v, config.verlengingVoorloopDagen, w) },
    {
      naam: 'wachttijd.overschreden',
      detecteer: async (m, v, w) => {
        const maand = vorigeMaand(v);
        const rijen = await leesToewijzingWachttijden(m, maand.van, maand.tot);
        const contractNormen = await leesContractWachttijdNormen(m, maand.van, maand.tot);
        return detecteerWachttijd(rijen, v, { normWeken: config.wachttijdNormWeken, productgroepen: config.productgroepen }, w, contractNormen);
      },
    },
    overVorigeMaand('declaratie.uitval-maand', leesDeclaratieMaand, detecteerDeclaratieUitval),
    overVorigeMaand('bericht.uitval-maand', leesVerwerkteHeenberichten, detecteerBerichtUitval),
    overVorigeMaand('wmo.voor-18', leesNieuweWmoToewijzingen, detecteerWmoVoor18),
    {
      naam: 'jeugd.plan-16-5',
      detecteer: async (m, v, w) => detecteerPlan165(await leesJeugdigenMetToewijzing(m, v), v, config.plan165VooruitMaanden, w),
    },
    {
      naam: 'termijn.overschreden',
      detecteer: async (m, v, w) =>
        detecteerTermijnen(await leesOpenTermijnen(m), v, { waarschuwingWerkdagen: config.termijnWaarschuwingWerkdagen, horizonDagen: config.termijnHorizonDagen }, w),
    },
    overVorigeMaand('termijn.aanbieder', leesStartStopMeldingen, detecteerTermijnAanbieder),
    {
      naam: 'termijn.aanbieder-retour',
      detecteer: async (m, v, w) => {
        const maand = vorigeMaand(v);
        // Sent up to 3 werkdagen before the month's deadlines: at most 8 calendar days around Christmas; 21 is ample.
        return detecteerRetourTermijnAanbieder(await leesVerzondenHeenberichten(m, plusDagen(maand.van, -21), maand.tot), v, w);
      },
    },
    overVorigeMaand('beeindiging.aanbieder', leesEenzijdigeBeeindigingen, detecteerBeeindigingAanbieder),
    {
      naam: 'clientenstop.actief',
      detecteer: async (m, v, w) => detecteerClientenstopActief(await leesClientenstopDag(m, plusDagen(v, -1)), v, w),
    },
    { naam: 'clientenstop.opheffen', detecteer: async (m, v, w) => detecteerStopOpheffen(await leesBestedingsruimteStops(m, v), w) },
  ];
}

const DATUM = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Runs every detector for a given date, each in its own transaction: an advisory lock keeps
 * instances side by side from running the same detector at once, and the outbox's unique dedupKey
 * makes reruns and replays write nothing new. A failing detector does not stop the others; runAll
 * throws afterwards naming the ones that failed.
 */
export class DetectorenRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: SignaalWriter,
    private readonly detectoren: readonly Detector[],
    private readonly logger?: Logger,
  ) {}

  /** Signals offered to the outbox per detector (replays included; the outbox keeps each dedupKey once). */
  async runAll(vandaag: string, nu: Date = new Date()): Promise<Record<string, number>> {
    if (!DATUM.test(vandaag)) throw new Error('runAll needs vandaag as YYYY-MM-DD');
    const waargenomenOp = nu.toISOString();
    const resultaat: Record<string, number> = {};
    const mislukt: string[] = [];
    for (const d of this.detectoren) {
      try {
        resultaat[d.naam] = await this.dataSource.transaction(async (m) => {
          await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`detector:${d.naam}`]);
          const signalen = await d.detecteer(m, vandaag, waargenomenOp);
          for (const s of signalen) await this.writer.schrijf(m, s);
          return signalen.length;
        });
      } catch (err) {
        mislukt.push(d.naam);
        this.logger?.error({ err, detector: d.naam, vandaag }, 'detector run failed');
      }
    }
    this.logger?.info({ vandaag, signalen: resultaat }, 'detectors ran');
    if (mislukt.length > 0) throw new Error(`detectors failed: ${mislukt.join(', ')}`);
    return resultaat;
  }
}
