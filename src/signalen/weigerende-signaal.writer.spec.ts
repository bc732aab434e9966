import { Writable } from 'node:stream';
import { Counter, Registry } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logging';
import type { Signaal, SignaalWriter } from './signaal.port';
import { controleerSignaal } from './signaal.writer';
import { WeigerendeSignaalWriter } from './weigerende-signaal.writer';

const SIGNAAL: Signaal = {
  type: 'declaratie.uitval', version: 1, domein: 'wmo', gemeente: '0363', aanbieder: '65656055', contractId: null, regel: 'IV087',
  periode: null, cijfers: { 'aantal.0611': 1 }, waargenomenOp: '2026-03-03T10:00:00Z', dedupKey: 'declaratie.uitval:wmo:65656055:abc', ernst: 'waarschuwing',
};

function opzet(onderliggend: SignaalWriter) {
  const regels: string[] = [];
  const logger = createLogger('info', new Writable({ write(c: Buffer, _e, cb) { regels.push(c.toString()); cb(); } }));
  const registry = new Registry();
  const geweigerd = new Counter({ name: 't_geweigerd_total', help: 'x', labelNames: ['type'] as const, registers: [registry] });
  return { writer: new WeigerendeSignaalWriter(onderliggend, logger, geweigerd), regels, registry };
}

describe('WeigerendeSignaalWriter', () => {
  it('logs and counts a signal the guard refuses instead of failing the bericht, without the value', async () => {
    const geschreven: Signaal[] = [];
    const { writer, regels, registry } = opzet({ schrijf: async (_m, s) => void (controleerSignaal(s), geschreven.push(s)) });
    await writer.schrijf({} as EntityManager, { ...SIGNAAL, regel: 'client 999900006' });
    await writer.schrijf({} as EntityManager, SIGNAAL);
    expect(geschreven).toEqual([SIGNAAL]);
    expect(regels).toHaveLength(1);
    expect(regels[0]).toContain('declaratie.uitval');
    expect(regels[0]).toContain('$.regel');
    expect(regels[0]).not.toContain('999900006');
    expect(await registry.getSingleMetricAsString('t_geweigerd_total')).toContain('t_geweigerd_total{type="declaratie.uitval"} 1');
  });

  it('throws a database failure on, so the bericht rolls back and is retried', async () => {
    const { writer } = opzet({ schrijf: async () => Promise.reject(new Error('connection terminated')) });
    await expect(writer.schrijf({} as EntityManager, SIGNAAL)).rejects.toThrow('connection terminated');
  });
});
