import { ENDRINGER, ENDRINGSRETT, type Endring, type Endringsrett, isAllowed, isLocked, JOURNALPOST_HANDLINGER, type JournalpostHandling, JOURNALSTATUS_TABELL, kanEndre, startstatus, transition } from './journalstatus';
import { JOURNALSTATUS_KODER, type Journalstatus } from './kodelister';

/**
 * The expected machine, written from the manual, not from the table: every status × every
 * action. '-' = refused, '=' = allowed without a status change, a letter = allowed, leading to
 * that status. Each row says where the manual decides it; "Choice:" marks a cell the manual
 * leaves open, with the reason for the choice.
 */
type Cell = '-' | '=' | Journalstatus;
const EXPECTED: Record<JournalpostHandling, Record<Journalstatus, Cell>> = {
  // §5: R "Journalpostene er redigerbare", S "Registreringsopplysninger kan redigeres",
  // F and E "låst for redigering"; §6: the archive has "adgang til alle typer registrering og
  // retting", and §3.3 "Arkivet kvalitetssikrer registreringen", so F and E stay correctable
  // (by the archive only, see ENDRINGSRETT) until journalføring.
  // Choice: J and A refused. Journalføring is the archive's own final check and makes the
  // record public (§5 J); a wrong one is removed (§12.6) or moved (§12.7), not rewritten.
  endre_registrering: { R: '=', S: '=', F: '=', E: '=', J: '-', A: '-' },
  // §5: locked for editing from F; §11.2 step 3: the leader adds a version while it is R.
  endre_dokument: { R: '=', S: '=', F: '-', E: '-', J: '-', A: '-' },
  // §5: "Skjerming, merknader og noen oppgavetyper kan påføres en journalpost selv om den er låst".
  endre_skjerming: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '=' },
  legg_til_merknad: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '=' },
  // §10.2.2 step 4 / §10.5: "Merknader og kryssreferanse kan også påføres". Choice: like a
  // merknad, a finding aid in every status; removal from J and A is the archive's (policy).
  legg_til_kryssreferanse: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '=' },
  fjern_kryssreferanse: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '=' },
  // §10.6 step 2 and §10.2.2 step 6: "Journalstatus må være R når journalposten sendes til godkjenning".
  send_til_godkjenning: { R: '=', S: '-', F: '-', E: '-', J: '-', A: '-' },
  // §5 F: "Saksframlegg eller utgående journalpost sendt til godkjenning kan få status F når journalposten er godkjent".
  ferdigstill: { R: 'F', S: '-', F: '-', E: '-', J: '-', A: '-' },
  // §10.7: a letter without approval is expedited directly (§10.2.2 step 7), an approved one
  // from F (§11.2 "Godkjent ... skal sendes til ekspedering"); §5 E. Incoming (S) is never sent.
  ekspeder: { R: 'E', S: '-', F: 'E', E: '-', J: '-', A: '-' },
  // §5 J: "Alle journalposter som arkivet har kvalitetssikret"; §3.3 "Arkivet kvalitetssikrer
  // registreringen". Choice: not from R: a draft is not yet a registration to check.
  journalfoer: { R: '-', S: 'J', F: 'J', E: 'J', J: '-', A: '-' },
  // §12.6 names A among the locked statuses. Choice: archived only after journalføring.
  arkiver: { R: '-', S: '-', F: '-', E: '-', J: 'A', A: '-' },
  // §5 Restanse / §10.2: avskrivning is follow-up, not registration, so locked records are
  // avskrevet too (an incoming letter is often J before it is answered). Choice: not in A:
  // an archived record is closed (an open restanse is avskrevet before archiving).
  avskriv: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '-' },
  // §10.1: distribution (saksbehandler, forfallsdato, kopimottakere) of post that has arrived,
  // which may already be J; ENDRINGSRETT says which part by whom. Choice: not in A.
  fordel: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '-' },
  // §12.7: the archive moves a journalpost; the manual names no status limit.
  flytt: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '=' },
  // §12.6: the saksbehandler removes own R/S; "otherwise ask DOK, which removes" — any status.
  feilregistrer: { R: '=', S: '=', F: '=', E: '=', J: '=', A: '=' },
};

/**
 * Who may change what in which status (docs/journalstatus.md), from the manual.
 * 'B' = everyone with rights on the record (saksbehandling) and the archive, 'A' = the
 * archive only, '-' = nobody.
 */
type Hvem = 'B' | 'A' | '-';
const EXPECTED_ENDRINGSRETT: Record<Endring, Record<Journalstatus, Hvem>> = {
  // §5 (R, S editable; F, E locked), §6 ARK "alle typer registrering og retting", §10.1 step 4
  // (what the saksbehandler cannot change, the dokumentsenter does). J, A: see endre_registrering.
  registrering: { R: 'B', S: 'B', F: 'A', E: 'A', J: '-', A: '-' },
  // §5: documents are locked from F for everyone; §11.2 step 3 the leader's version is in R.
  dokument: { R: 'B', S: 'B', F: '-', E: '-', J: '-', A: '-' },
  // §10.1 step 3 and 8 / §12.4: saksbehandler, unit and internal kopimottakere are registration
  // data ("Avsender/Mottaker-fanen"); once locked the dokumentsenter changes them (§10.1 step 4,
  // §3.1 DOK distributes). Choice: the archive still redistributes a J record whose restanse
  // is open (incoming post is often journalført before it is handled); not in A.
  fordeling: { R: 'B', S: 'B', F: 'A', E: 'A', J: 'A', A: '-' },
  // §10.1 step 6 "Kontroller og eventuelt korriger forfallsdato" on post in Ubehandlet,
  // which may be locked; the restanse is followed up whatever the status (§5 Restanse).
  // Choice: not in A (closed, as avskriv).
  forfallsdato: { R: 'B', S: 'B', F: 'B', E: 'B', J: 'B', A: '-' },
  // §5: skjerming and merknader "kan påføres en journalpost selv om den er låst"; §10.1 step 5
  // "Det er saksbehandler som har ansvar for at skjerming er riktig".
  skjerming: { R: 'B', S: 'B', F: 'B', E: 'B', J: 'B', A: 'B' },
  merknad: { R: 'B', S: 'B', F: 'B', E: 'B', J: 'B', A: 'B' },
};
const hvem = (h: Hvem): readonly Endringsrett[] => (h === 'B' ? ['saksbehandling', 'arkiv'] : h === 'A' ? ['arkiv'] : []);

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

  it('locks F, E, J and A and leaves R and S open (§5)', () => {
    expect(JOURNALSTATUS_KODER.filter(isLocked)).toEqual(['F', 'E', 'J', 'A']);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(JOURNALSTATUS_TABELL)).toBe(true);
    expect(() => {
      (JOURNALSTATUS_TABELL as Record<string, unknown>).ferdigstill = { fra: ['J'], til: 'R' };
    }).toThrow(TypeError);
  });

  it('starts incoming post registered (S) and everything else reserved (R) (§5, §3.1)', () => {
    expect(startstatus('I')).toBe('S');
    for (const t of ['U', 'N', 'X', 'S'] as const) expect(startstatus(t)).toBe('R');
  });
});

describe('who may change what in which status (§5, §6, §10.1)', () => {
  it('covers exactly the changes the expectation lists', () => {
    expect([...ENDRINGER].sort()).toEqual(Object.keys(EXPECTED_ENDRINGSRETT).sort());
  });

  const cases = ENDRINGER.flatMap((e) => JOURNALSTATUS_KODER.map((s) => [e, s, EXPECTED_ENDRINGSRETT[e][s]] as const));
  it.each(cases)('%s in %s: %s', (endring, status, expected) => {
    expect([...ENDRINGSRETT[endring][status]].sort()).toEqual([...hvem(expected)].sort());
    expect(kanEndre(endring, status, false)).toBe(expected === 'B');
    expect(kanEndre(endring, status, true)).toBe(expected !== '-');
  });

  it('never lets anyone but the archive change registration data on a locked journalpost, nor anyone its documents', () => {
    for (const s of JOURNALSTATUS_KODER.filter(isLocked)) {
      expect(kanEndre('registrering', s, false)).toBe(false);
      expect(kanEndre('fordeling', s, false)).toBe(false);
      expect(kanEndre('dokument', s, true)).toBe(false);
    }
  });

  it('agrees with the machine: a status allows a change exactly when someone may make it', () => {
    const par: [Endring, JournalpostHandling][] = [
      ['registrering', 'endre_registrering'],
      ['dokument', 'endre_dokument'],
      ['skjerming', 'endre_skjerming'],
      ['merknad', 'legg_til_merknad'],
    ];
    for (const [endring, handling] of par) {
      for (const s of JOURNALSTATUS_KODER) expect({ endring, s, tillatt: ENDRINGSRETT[endring][s].length > 0 }).toEqual({ endring, s, tillatt: isAllowed(s, handling) });
    }
  });
});
