import { describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import type { TeVerwerkenBericht } from '../ingest';
import { AppConfig } from '../platform/config';
import { createLogger } from '../platform/logging';
import { testSchemas, vervang, voorbeeld } from '../../test/support/istandaarden';
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
});
