import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { GgkFout } from './envelop';

export interface NieuwFoutbericht {
  zender: string;
  referentienummer: string;
  crossRefnummer: string;
  fout: GgkFout;
  correlationId: string;
}

export type FoutberichtResultaat =
  | { soort: 'opgeslagen' | 'herhaald'; id: string; ontvangenOp: Date; outboundId: string | null }
  /** The zender used this referentienummer before for another Fo01 (IB216). */
  | { soort: 'referentie-hergebruikt'; bestaandId: string };

const TABLE = 'client_ggk_foutbericht';

/** All SQL on client_ggk_foutbericht. */
@Injectable()
export class GgkFoutberichtRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a received Fo01 once per (zender, referentienummer) and links it to the outbox row it is
   * about, when the outbox table exists (src/uitgaand) and holds that referentienummer.
   */
  async bewaar(f: NieuwFoutbericht): Promise<FoutberichtResultaat> {
    const outboundId = await this.outboundId(f.crossRefnummer);
    const inserted: Array<{ id: string; received_at: Date }> = await this.dataSource.query(
      `INSERT INTO ${TABLE} (zender, referentienummer, cross_refnummer, code, plek, omschrijving, details, outbound_id, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT DO NOTHING
       RETURNING id, received_at`,
      [f.zender, f.referentienummer, f.crossRefnummer, f.fout.code, f.fout.plek, f.fout.omschrijving.slice(0, 200),
        f.fout.details?.slice(0, 1000) ?? null, outboundId, f.correlationId],
    );
    if (inserted[0]) return { soort: 'opgeslagen', id: inserted[0].id, ontvangenOp: inserted[0].received_at, outboundId };
    const bestaand: Array<{ id: string; received_at: Date; cross_refnummer: string; code: string; outbound_id: string | null }> = await this.dataSource.query(
      `SELECT id, received_at, cross_refnummer, code, outbound_id FROM ${TABLE} WHERE zender = $1 AND referentienummer = $2`,
      [f.zender, f.referentienummer],
    );
    const b = bestaand[0];
    if (!b) throw new Error('insert conflicted but no conflicting row was found');
    if (b.cross_refnummer !== f.crossRefnummer || b.code !== f.fout.code) return { soort: 'referentie-hergebruikt', bestaandId: b.id };
    return { soort: 'herhaald', id: b.id, ontvangenOp: b.received_at, outboundId: b.outbound_id };
  }

  private async outboundId(referentienummer: string): Promise<string | null> {
    const [tabel]: Array<{ bestaat: boolean }> = await this.dataSource.query(`SELECT to_regclass('client_outbound_bericht') IS NOT NULL AS bestaat`);
    if (!tabel?.bestaat) return null;
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM client_outbound_bericht WHERE referentienummer = $1`, [referentienummer]);
    return rows[0]?.id ?? null;
  }
}
