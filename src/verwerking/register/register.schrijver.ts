import type { EntityManager } from 'typeorm';
import type { RegisterMutatie } from '../regels';
import { RegisterBerichtIdentificatie, RegisterLevering, RegisterToewijzing, RegisterVerzoek } from './register.entities';

/**
 * Applies the mutations of one approved bericht (mutatiesVoor), in order, in its transaction: the
 * same changes InMemoryRegister.pasToe makes. `inboundId` records which bericht caused each row.
 */
export async function pasMutatiesToe(m: EntityManager, mutaties: readonly RegisterMutatie[], inboundId: string | null): Promise<void> {
  for (const mutatie of mutaties) await pasToe(m, mutatie, inboundId);
}

async function pasToe(m: EntityManager, mutatie: RegisterMutatie, inboundId: string | null): Promise<void> {
  switch (mutatie.soort) {
    case 'bericht-geregistreerd': {
      const { domein, berichtCode, afzender, identificatie, dagtekening } = mutatie;
      await m.createQueryBuilder().insert().into(RegisterBerichtIdentificatie)
        .values({ domein, berichtcode: berichtCode, afzender, identificatie, dagtekening, inboundId }).orIgnore().execute();
      return;
    }
    case 'toewijzing-versie': {
      // IV013: a resend with the same Toewijzingsdatum + -tijd replaces that version.
      await m.getRepository(RegisterToewijzing).upsert(
        {
          domein: mutatie.domein,
          ...mutatie.versie,
          geboortedatum: mutatie.geboortedatum?.datum ?? null,
          geboortedatumGebruik: mutatie.geboortedatum?.datumGebruik ?? null,
          inboundId,
        },
        { conflictPaths: ['domein', 'gemeente', 'toewijzingNummer', 'toewijzingsdatum', 'toewijzingstijd'], skipUpdateIfNoValuesChanged: false },
      );
      return;
    }
    case 'levering-aangeleverd':
      await m.getRepository(RegisterLevering).insert({ domein: mutatie.domein, ...mutatie.levering, status: 'actueel', inboundId });
      return;
    case 'levering-verwijderd': {
      const s = mutatie.scope;
      // The first actual delivery with this key in the key space becomes 'verwijderd'.
      await m.query(
        `UPDATE client_register_levering SET status = 'verwijderd'
          WHERE id = (SELECT id FROM client_register_levering
                       WHERE domein = $1 AND gemeente = $2 AND soort = $3 AND sleutel = $4 AND status = 'actueel'
                         AND (CASE WHEN $5::varchar IS NULL THEN toewijzing_nummer IS NULL AND aanbieder = $6 AND bsn = $7
                                   ELSE toewijzing_nummer = $5 END)
                       ORDER BY id LIMIT 1)`,
        [mutatie.domein, s.gemeente, mutatie.leveringSoort, mutatie.sleutel, s.toewijzingNummer, s.aanbieder, s.bsn],
      );
      return;
    }
    case 'verzoek-geopend':
      await m.getRepository(RegisterVerzoek).upsert({ domein: mutatie.domein, ...mutatie.verzoek, inboundId }, { conflictPaths: ['domein', 'aanbieder', 'referentieAanbieder'], skipUpdateIfNoValuesChanged: false });
      return;
    case 'verzoek-beantwoord': {
      const waar = { domein: mutatie.domein, aanbieder: mutatie.aanbieder, referentieAanbieder: mutatie.referentieAanbieder };
      if (mutatie.antwoord === 'in-onderzoek') await m.getRepository(RegisterVerzoek).update(waar, { inOnderzoek: true });
      else await m.getRepository(RegisterVerzoek).update(waar, { status: mutatie.antwoord });
      return;
    }
  }
}
