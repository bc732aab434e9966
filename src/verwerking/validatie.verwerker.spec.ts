import { describe, expect, it, vi } from 'vitest';
import type { EntityManager } from 'typeorm';
import type { TeVerwerkenBericht } from '../ingest';
import { AppConfig } from '../platform/config';
import { createLogger } from '../platform/logging';
import { declaratieXml } from '../../bench/generate';
import { testSchemas, vervang, voorbeeld } from '../../test/support/istandaarden';
import { XsdWorkerError, XsdWorkerPool } from '../istandaarden/xsd/xsd-pool';
import { ValidatieVerwerker } from './validatie.verwerker';
import type { VerwerkingStap } from './verwerking.ports';

const config = { maxBerichtBytes: 25 * 1024 * 1024 } as AppConfig;
const tx = {} as EntityManager;
const log = createLogger('silent');

function bericht(xml: string): TeVerwerkenBericht {
  return { id: 'b1', raw: Buffer.from(xml), correlationId: 'c1' } as TeVerwerkenBericht;
}

describe('ValidatieVerwerker', () => {
  it('a valid bericht is verwerkt with an empty verdict', async () => {
    const v = new ValidatieVerwerker(await testSchemas(), config, []);
    expect(await v.verwerk(bericht(voorbeeld('WMO305')), tx, log)).toEqual({
      status: 'verwerkt',
      verdict: { bericht: 'WMO305', valid: true, xsd: [], regels: [] },
      antwoord: null,
    });
  });

  it('parses the bericht once for all steps and lets go of the tree when a step says so', async () => {
    const gezien: unknown[] = [];
    const eerste: VerwerkingStap = {
      naam: 'eerste',
      voerUit: async (ctx) => {
        gezien.push(ctx.getypeerd());
        ctx.laatBoomLos();
        gezien.push(ctx.validated.root);
      },
    };
    const tweede: VerwerkingStap = { naam: 'tweede', voerUit: async (ctx) => void gezien.push(ctx.getypeerd(), ctx.validated.root) };
    const v = new ValidatieVerwerker(await testSchemas(), config, [eerste, tweede]);
    expect((await v.verwerk(bericht(voorbeeld('WMO305')), tx, log)).status).toBe('verwerkt');
    expect(gezien[0]).toMatchObject({ header: { berichtCode: '418' } });
    expect(gezien).toEqual([gezien[0], null, gezien[0], null]);
    expect(gezien[2]).toBe(gezien[0]);
  });

  it('cannot parse a tree it has let go of', async () => {
    const stap: VerwerkingStap = {
      naam: 'te-vroeg',
      voerUit: async (ctx) => {
        ctx.laatBoomLos();
        ctx.getypeerd();
      },
    };
    const v = new ValidatieVerwerker(await testSchemas(), config, [stap]);
    await expect(v.verwerk(bericht(voorbeeld('WMO305')), tx, log)).rejects.toThrow(/no tree to parse/);
  });

  it('an XSD failure is uitval and skips the steps', async () => {
    let ran = false;
    const stap: VerwerkingStap = { naam: 'spion', voerUit: async () => void (ran = true) };
    const v = new ValidatieVerwerker(await testSchemas(), config, [stap]);
    const u = await v.verwerk(bericht(voorbeeld('JW315-ongeldige-datum', 'voorbeelden-ongeldig')), tx, log);
    expect(u.status).toBe('uitval');
    expect(u.verdict.xsd.length).toBeGreaterThan(0);
    expect(ran).toBe(false);
  });

  it('CS002: a rule finding is afgekeurd', async () => {
    const v = new ValidatieVerwerker(await testSchemas(), config, []);
    const u = await v.verwerk(bericht(vervang(voorbeeld('WMO305'), '<wmo305:Bsn>999900006</wmo305:Bsn>', '<wmo305:Bsn>999900007</wmo305:Bsn>')), tx, log);
    expect(u.status).toBe('afgekeurd');
    expect(u.verdict.regels.map((r) => r.code)).toEqual(['CS002']);
  });

  it('runs bijXsdFout instead of voerUit when the XSD check fails', async () => {
    const seen: string[] = [];
    const stap: VerwerkingStap = { naam: 'spion', voerUit: async () => void seen.push('voerUit'), bijXsdFout: async (ctx) => void seen.push(`xsd:${ctx.validated.xsd.length > 0}`) };
    const v = new ValidatieVerwerker(await testSchemas(), config, [stap]);
    await v.verwerk(bericht(voorbeeld('JW315-ongeldige-datum', 'voorbeelden-ongeldig')), tx, log);
    await v.verwerk(bericht(voorbeeld('WMO305')), tx, log);
    expect(seen).toEqual(['xsd:true', 'voerUit']);
  });

  it('a step that sets uitval ends the bericht in uitval with the reason and the answer it recorded', async () => {
    const stap: VerwerkingStap = {
      naam: 'weiger',
      voerUit: async (ctx) => {
        ctx.stand.uitval = { code: 'VERWERKING.TEST', message: 'not sent' };
      },
    };
    const u = await new ValidatieVerwerker(await testSchemas(), config, [stap]).verwerk(bericht(voorbeeld('WMO305')), tx, log);
    expect(u).toMatchObject({ status: 'uitval', verdict: { valid: true, fout: { code: 'VERWERKING.TEST', message: 'not sent' } }, antwoord: null });
  });

  it('runs the steps in order inside the transaction; their findings make it afgekeurd', async () => {
    const seen: string[] = [];
    const stappen: VerwerkingStap[] = [
      { naam: 'een', voerUit: async (ctx) => void seen.push(`een:${ctx.tx === tx}:${ctx.validated.bericht}`) },
      {
        naam: 'twee',
        voerUit: async (ctx) => {
          seen.push('twee');
          ctx.regels.push({ code: 'TR056', retourcode: '9056', locatie: ['/Bericht/Header/BerichtIdentificatie'] });
        },
      },
    ];
    const u = await new ValidatieVerwerker(await testSchemas(), config, stappen).verwerk(bericht(voorbeeld('WMO305')), tx, log);
    expect(seen).toEqual(['een:true:WMO305', 'twee']);
    expect(u.status).toBe('afgekeurd');
    expect(u.verdict).toMatchObject({ valid: false, regels: [{ code: 'TR056', retourcode: '9056' }] });
  });

  describe('early reads (vooruit) for a large bericht, while its schema is checked', () => {
    const groot = declaratieXml({ standaard: 'iwmo', prestaties: 1000 });

    /** A transaction that records the statements it is given (the savepoints around vooruit). */
    function opnemendeTx(): { tx: EntityManager; statements: string[] } {
      const statements: string[] = [];
      return { statements, tx: { query: async (q: string) => void statements.push(q) } as unknown as EntityManager };
    }

    it('runs in a savepoint before any step, on the typed bericht the steps get', async () => {
      const { tx: opnemend, statements } = opnemendeTx();
      const vooraf: unknown[] = [];
      const stap: VerwerkingStap = {
        naam: 'vooruit',
        vooruit: async (ctx) => {
          await ctx.tx.query('SELECT vooruit');
          vooraf.push(ctx.getypeerd(), ctx.definitie.naam);
        },
        voerUit: async (ctx) => {
          statements.push('voerUit');
          vooraf.push(ctx.getypeerd());
        },
      };
      const u = await new ValidatieVerwerker(await testSchemas(), config, [stap]).verwerk(bericht(groot), opnemend, log);
      expect(u.status).toBe('verwerkt');
      expect(statements).toEqual(['SAVEPOINT vooruit', 'SELECT vooruit', 'RELEASE SAVEPOINT vooruit', 'voerUit']);
      expect(vooraf[0]).toMatchObject({ header: { berichtCode: '484' } });
      expect(vooraf).toEqual([vooraf[0], 'WMO323', vooraf[0]]);
      expect(vooraf[2]).toBe(vooraf[0]);
    });

    it('a failing vooruit is rolled back to its savepoint and logged; the steps run as without it', async () => {
      const { tx: opnemend, statements } = opnemendeTx();
      const warnings: unknown[] = [];
      const logger = { ...log, warn: (o: unknown) => void warnings.push(o) } as unknown as typeof log;
      const stap: VerwerkingStap = {
        naam: 'faalt',
        vooruit: async (ctx) => {
          await ctx.tx.query('SELECT 1/0');
          throw new Error('division by zero');
        },
        voerUit: async () => void statements.push('voerUit'),
      };
      const u = await new ValidatieVerwerker(await testSchemas(), config, [stap]).verwerk(bericht(groot), opnemend, logger);
      expect(u.status).toBe('verwerkt');
      expect(statements).toEqual(['SAVEPOINT vooruit', 'SELECT 1/0', 'ROLLBACK TO SAVEPOINT vooruit', 'RELEASE SAVEPOINT vooruit', 'voerUit']);
      expect(warnings).toEqual([{ stap: 'faalt', fout: { type: 'Error', code: undefined } }]);
      // The message could quote the unchecked bericht: it stays out of the log.
      expect(JSON.stringify(warnings)).not.toContain('division by zero');
    });

    it('a tree the schema check rejects: vooruit may have run, the steps get bijXsdFout and no typed bericht', async () => {
      const { tx: opnemend } = opnemendeTx();
      const kapot = groot.replace('<iwmo:Einddatum>2025-04-30</iwmo:Einddatum>', '<iwmo:Einddatum>2025-04-31</iwmo:Einddatum>');
      const seen: string[] = [];
      const stap: VerwerkingStap = {
        naam: 'spion',
        vooruit: async (ctx) => void seen.push(`vooruit:${ctx.getypeerd().header.berichtCode}`),
        bijXsdFout: async (ctx) => {
          seen.push('bijXsdFout');
          expect(() => ctx.getypeerd()).toThrow(/no tree to parse/);
        },
      };
      const u = await new ValidatieVerwerker(await testSchemas(), config, [stap]).verwerk(bericht(kapot), opnemend, log);
      expect(u.status).toBe('uitval');
      expect(seen).toEqual(['vooruit:484', 'bijXsdFout']);
    });

    it('validation that throws (an XSD worker failed) waits for the early reads before the error goes up to the rollback', async () => {
      const { tx: opnemend, statements } = opnemendeTx();
      const schemas = await testSchemas();
      const spy = vi.spyOn(XsdWorkerPool.for(schemas), 'validate').mockImplementation(async () => {
        await new Promise((r) => setTimeout(r, 20));
        throw new XsdWorkerError('worker died');
      });
      const stap: VerwerkingStap = {
        naam: 'traag',
        vooruit: async (ctx) => {
          await new Promise((r) => setTimeout(r, 150));
          await ctx.tx.query('SELECT na de validatie');
        },
      };
      try {
        await expect(new ValidatieVerwerker(schemas, config, [stap]).verwerk(bericht(groot), opnemend, log)).rejects.toThrow('worker died');
        expect(statements).toEqual(['SAVEPOINT vooruit', 'SELECT na de validatie', 'RELEASE SAVEPOINT vooruit']);
      } finally {
        spy.mockRestore();
      }
    });

    it('a small bericht has no early reads', async () => {
      const seen: string[] = [];
      const stap: VerwerkingStap = { naam: 'spion', vooruit: async () => void seen.push('vooruit'), voerUit: async () => void seen.push('voerUit') };
      await new ValidatieVerwerker(await testSchemas(), config, [stap]).verwerk(bericht(voorbeeld('WMO305')), tx, log);
      expect(seen).toEqual(['voerUit']);
    });
  });
});
