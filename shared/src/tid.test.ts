import { aarI, datoI, erGyldigTidssone, norskDatoI, norskTidspunktI, STANDARD_TIDSSONE } from './tid';

/** Users are in Norway: dates and years follow Europe/Oslo, not UTC. */
describe('dates in the archive’s time zone', () => {
  const nyttaarsnatt = new Date('2026-12-31T23:30:00Z'); // 00:30 on 1 January 2027 in Oslo (CET, UTC+1)
  const sommernatt = new Date('2026-06-30T22:30:00Z'); // 00:30 on 1 July in Oslo (CEST, UTC+2)

  it('gives the Oslo calendar date and year, in winter and in summer time', () => {
    expect(STANDARD_TIDSSONE).toBe('Europe/Oslo');
    expect(datoI(nyttaarsnatt, 'Europe/Oslo')).toBe('2027-01-01');
    expect(aarI(nyttaarsnatt, 'Europe/Oslo')).toBe(2027);
    expect(norskDatoI(nyttaarsnatt, 'Europe/Oslo')).toBe('01.01.2027');
    expect(norskTidspunktI(nyttaarsnatt, 'Europe/Oslo')).toBe('01.01.2027 00:30');
    expect(datoI(sommernatt, 'Europe/Oslo')).toBe('2026-07-01');
    expect(datoI(new Date('2026-06-30T21:59:00Z'), 'Europe/Oslo')).toBe('2026-06-30');
  });

  it('follows another configured zone', () => {
    expect(datoI(nyttaarsnatt, 'UTC')).toBe('2026-12-31');
    expect(aarI(nyttaarsnatt, 'UTC')).toBe(2026);
  });

  it('knows which zones exist', () => {
    expect(erGyldigTidssone('Europe/Oslo')).toBe(true);
    expect(erGyldigTidssone('Mars/Olympus_Mons')).toBe(false);
  });
});
