import { isAllowed, isLocked, JOURNALPOST_HANDLINGER, type JournalpostHandling, JOURNALSTATUS_TABELL, startstatus, transition } from './journalstatus';
import { JOURNALSTATUS_KODER, type Journalstatus } from './kodelister';

/**
 * The expected machine, written out by hand from the manual (§5, §10.6, §10.7, §12.6, §12.7)
 * instead of derived from the table: every status × every action. '-' = refused,
 * '=' = allowed without a status change, a letter = allowed, leading to that status.
 */
const EXPECTED: Record<JournalpostHandling, Record<Journalstatus, '-' | '=' | Journalstatus>> = {
  endre_registrering: { R: '=', S: '=', F: '-', E: '-', J: '-', A: '-' },
  endre_dokument: { R: '=', S: '=', F: '-', E: '-', J: '-', A: '-' },
  endre_skjerming: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '=' },
  legg_til_merknad: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '=' },
  legg_til_kryssreferanse: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '=' },
  fjern_kryssreferanse: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '=' },
  send_til_godkjenning: { R: '=', S: '-', F: '-', E: '-', J: '-', A: '-' },
  ferdigstill: { R: 'F', S: '-', F: '-', E: '-', J: '-', A: '-' },
  ekspeder: { R: 'E', S: '-', F: 'E', E: '-', J: '-', A: '-' },
  journalfoer: { R: '-', S: 'J', F: 'J', E: 'J', J: '-', A: '-' },
  arkiver: { R: '-', S: '-', F: '-', E: '-', J: 'A', A: '-' },
  avskriv: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '-' },
  fordel: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '-' },
  flytt: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '=' },
  feilregistrer: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '=' },
};

describe('journalstatus machine (manual §5)', () => {
  it('covers exactly the actions the expectation lists', () => {
    expect([...JOURNALPOST_HANDLINGER].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = JOURNALPOST_HANDLINGER.flatMap((h) => JOURNALSTATUS_KODER.map((s) => [h, s, EXPECTED[h][s]] as const));
  it.each(cases)('%s from %s → %s', (handling, status, expected) => {
    const result = transition(status, handling);
    expect(isAllowed(status, handling)).toBe(expected !== '-');
    if (expected === '-') {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.tillatteFra).not.toContain(status);
        expect(result.handling).toBe(handling);
      }
    } else {
      expect(result).toEqual({ ok: true, fra: status, til: expected === '=' ? status : expected, endret: expected !== '=' && expected !== status });
    }
  });

  it('locks F, E, J and A and leaves R and S open', () => {
    expect(JOURNALSTATUS_KODER.filter(isLocked)).toEqual(['F', 'E', 'J', 'A']);
  });

  it('never lets a locked journalpost change registration data or documents', () => {
    for (const s of JOURNALSTATUS_KODER.filter(isLocked)) {
      expect(transition(s, 'endre_registrering').ok).toBe(false);
      expect(transition(s, 'endre_dokument').ok).toBe(false);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(JOURNALSTATUS_TABELL)).toBe(true);
    expect(() => {
      (JOURNALSTATUS_TABELL as Record<string, unknown>).ferdigstill = { fra: ['J'], til: 'R' };
    }).toThrow(TypeError);
  });

  it('starts incoming post registered (S) and everything else reserved (R)', () => {
    expect(startstatus('I')).toBe('S');
    for (const t of ['U', 'N', 'X', 'S'] as const) expect(startstatus(t)).toBe('R');
  });
});
