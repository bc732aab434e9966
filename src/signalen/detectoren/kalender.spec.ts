import { describe, expect, it } from 'vitest';
import { eersteWerkdagVanaf, feestdagen, isWerkdag, koningsdag, paaszondag, plusWerkdagen, werkdagenTussen } from './kalender';

describe('kalender: werkdagen (Algemene termijnenwet)', () => {
  it('computes Easter Sunday, including the earliest and latest possible dates', () => {
    expect(paaszondag(2025)).toBe('2025-04-20');
    expect(paaszondag(2026)).toBe('2026-04-05');
    expect(paaszondag(2027)).toBe('2027-03-28');
    expect(paaszondag(2008)).toBe('2008-03-23');
    expect(paaszondag(2038)).toBe('2038-04-25');
    expect(paaszondag(2285)).toBe('2285-03-22');
  });

  it('moves Koningsdag to 26 April when the 27th is a Sunday', () => {
    expect(koningsdag(2025)).toBe('2025-04-26');
    expect(koningsdag(2014)).toBe('2014-04-26');
    expect(koningsdag(2026)).toBe('2026-04-27');
  });

  it('lists the feestdagen of a year: 5 mei every year, no Goede Vrijdag', () => {
    expect(feestdagen(2026)).toEqual(['2026-01-01', '2026-04-06', '2026-04-27', '2026-05-05', '2026-05-14', '2026-05-25', '2026-12-25', '2026-12-26']);
    expect(feestdagen(2027)).toEqual(['2027-01-01', '2027-03-29', '2027-04-27', '2027-05-05', '2027-05-06', '2027-05-17', '2027-12-25', '2027-12-26']);
  });

  it('knows werkdagen: weekends and feestdagen are not, Goede Vrijdag is', () => {
    expect(isWerkdag('2026-04-03')).toBe(true); // Goede Vrijdag
    expect(isWerkdag('2026-04-06')).toBe(false); // tweede Paasdag
    expect(isWerkdag('2025-05-05')).toBe(false); // Bevrijdingsdag on a Monday
    expect(isWerkdag('2026-04-11')).toBe(false); // Saturday
    expect(isWerkdag('2026-04-12')).toBe(false); // Sunday
    expect(isWerkdag('2026-04-13')).toBe(true);
  });

  it('OP090: 3 werkdagen after receipt skip weekends and tweede Paasdag', () => {
    expect(plusWerkdagen('2026-04-02', 3)).toBe('2026-04-08'); // Thu → Fri, (Mon 6 free), Tue, Wed
    expect(plusWerkdagen('2026-04-11', 3)).toBe('2026-04-15'); // received on a Saturday
    expect(plusWerkdagen('2026-04-08', 0)).toBe('2026-04-08');
    expect(plusWerkdagen('2026-04-08', -3)).toBe('2026-04-02');
  });

  it('OP090x4: 10 werkdagen over Christmas and New Year', () => {
    expect(plusWerkdagen('2026-12-23', 10)).toBe('2027-01-08');
  });

  it('counts werkdagen between two dates, signed, the first day not included', () => {
    expect(werkdagenTussen('2026-04-02', '2026-04-08')).toBe(3);
    expect(werkdagenTussen('2026-04-08', '2026-04-02')).toBe(-3);
    expect(werkdagenTussen('2026-04-08', '2026-04-08')).toBe(0);
    expect(werkdagenTussen('2026-04-10', '2026-04-12')).toBe(0); // Friday to Sunday
    expect(werkdagenTussen('2026-12-23', plusWerkdagen('2026-12-23', 10))).toBe(10);
  });

  it('runs a term ending on a free day on to the next werkdag', () => {
    expect(eersteWerkdagVanaf('2026-05-14')).toBe('2026-05-15'); // Hemelvaartsdag
    expect(eersteWerkdagVanaf('2026-12-25')).toBe('2026-12-28');
    expect(eersteWerkdagVanaf('2026-05-15')).toBe('2026-05-15');
  });
});
