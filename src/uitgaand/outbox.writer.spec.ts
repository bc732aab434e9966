import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { OutboundBerichtRepository } from './outbound-bericht.repository';
import type { UitgaandBericht } from './outbox.port';
import { OutboxError, TypeOrmOutboxWriter } from './outbox.writer';
import { UitgaandEvents } from './uitgaand-events';

function bericht(over: Partial<UitgaandBericht> = {}): UitgaandBericht {
  const referentienummer = over.referentienummer ?? randomUUID();
  return {
    soort: 'Du01',
    functie: 'WMO306',
    referentienummer,
    crossRefnummer: randomUUID(),
    envelop: `<soapenv:Envelope>...<StUF:referentienummer>${referentienummer}</StUF:referentienummer>...</soapenv:Envelope>`,
    inboundId: null,
    correlationId: 'c1',
    ...over,
  };
}

function opzet(resultaat: 'nieuw' | 'bestaand' | 'conflict' = 'nieuw') {
  const geschreven: UitgaandBericht[] = [];
  const repository = {
    insert: async (_m: EntityManager, b: UitgaandBericht) => {
      geschreven.push(b);
      return resultaat === 'conflict' ? { soort: 'conflict' as const } : { soort: resultaat, id: 'rij-1' };
    },
  } as unknown as OutboundBerichtRepository;
  const dataSource = { subscribers: [] } as unknown as DataSource;
  const events = new UitgaandEvents(dataSource);
  events.onModuleInit();
  let gewekt = 0;
  events.onGeschreven(() => gewekt++);
  return { writer: new TypeOrmOutboxWriter(repository, events), events, geschreven, dataSource, gewekt: () => gewekt };
}

describe('TypeOrmOutboxWriter', () => {
  it('writes through the caller\'s manager and returns the row id', async () => {
    const { writer, geschreven } = opzet();
    const b = bericht();
    expect(await writer.schrijf({} as EntityManager, b)).toBe('rij-1');
    expect(geschreven).toEqual([b]);
  });

  it.each<[string, Partial<UitgaandBericht>, RegExp]>([
    ['soort', { soort: 'Du02' as UitgaandBericht['soort'] }, /soort must be/],
    ['upper-case uuid', { referentienummer: randomUUID().toUpperCase() }, /UUID v4/],
    ['Fo01 with functie', { soort: 'Fo01', functie: 'WMO306' }, /a Fo01 has no functie/],
    ['Du01 without functie', { functie: null }, /functie must name/],
    ['Du01 without crossRefnummer', { crossRefnummer: null }, /crossRefnummer/],
    ['Di01 with crossRefnummer', { soort: 'Di01', functie: 'WMO301' }, /a Di01 has no crossRefnummer/],
    ['envelope without the referentienummer', { envelop: '<x/>' }, /does not carry this referentienummer/],
    ['correlation id', { correlationId: '' }, /correlationId/],
  ])('refuses a bericht that breaks the port: %s', async (_naam, over, fout) => {
    const { writer, geschreven } = opzet();
    const b = { ...bericht(), ...over };
    if (over.referentienummer) b.envelop = bericht({ referentienummer: over.referentienummer }).envelop;
    await expect(writer.schrijf({} as EntityManager, b)).rejects.toThrow(fout);
    await expect(writer.schrijf({} as EntityManager, b)).rejects.toBeInstanceOf(OutboxError);
    expect(geschreven).toEqual([]);
  });

  it('another envelope under a known referentienummer is an OutboxError', async () => {
    await expect(opzet('conflict').writer.schrijf({} as EntityManager, bericht())).rejects.toThrow(/already in the outbox/);
  });

  it('wakes the relay after the outermost commit, never on rollback', async () => {
    const { writer, events, dataSource, gewekt } = opzet();
    expect(dataSource.subscribers).toContain(events);
    const qr = { isTransactionActive: true } as QueryRunner;
    await writer.schrijf({ queryRunner: qr } as EntityManager, bericht());
    expect(gewekt()).toBe(0);
    events.afterTransactionCommit({ queryRunner: qr }); // a savepoint released: still inside
    expect(gewekt()).toBe(0);
    (qr as { isTransactionActive: boolean }).isTransactionActive = false;
    events.afterTransactionCommit({ queryRunner: qr });
    expect(gewekt()).toBe(1);
    events.afterTransactionCommit({ queryRunner: qr });
    expect(gewekt()).toBe(1);

    const qr2 = { isTransactionActive: true } as QueryRunner;
    await writer.schrijf({ queryRunner: qr2 } as EntityManager, bericht());
    (qr2 as { isTransactionActive: boolean }).isTransactionActive = false;
    events.afterTransactionRollback({ queryRunner: qr2 });
    events.afterTransactionCommit({ queryRunner: qr2 });
    expect(gewekt()).toBe(1);

    // Outside a transaction the row is committed already.
    await writer.schrijf({} as EntityManager, bericht());
    expect(gewekt()).toBe(2);
  });

  it('a repeated write of the same envelope does not wake anyone', async () => {
    const { writer, gewekt } = opzet('bestaand');
    expect(await writer.schrijf({} as EntityManager, bericht())).toBe('rij-1');
    expect(gewekt()).toBe(0);
  });
});
