import type { Kysely } from 'kysely';
import { leggTilDager } from '@arkiv/shared';
import { type Actor, loadActor } from '../auth/actor';
import type { DB } from '../db/schema';
import { ekspederJournalpost } from '../ekspedering/ekspeder';
import { feilregistrer } from '../journalpost/feilregistrer-flytt';
import { createJournalpost, journalfoer } from '../journalpost/journalpost.service';
import { besvarOppgave } from '../oppgave/besvar-oppgave';
import { opprettOppgave } from '../oppgave/oppgave.service';
import { avskriv } from '../restanse/avskriv';
import { besvar } from '../restanse/besvar';
import { endreSaksstatus, merkSakBrukt } from '../sak/sak-status';
import { giTilgang } from '../sak/sak-tilgang';
import { createSak, updateSak } from '../sak/sak.service';
import { oppnevnStedfortreder } from '../stedfortreder/stedfortreder.service';
import { dagen } from '../tid';

/**
 * The desk after a few days' work: items in every basket, oppgaver and approval
 * in flight, restanser and avskrivninger, a removed (feilregistrert) letter, a stedfortreder, and saker in status R, B, A and U.
 * Everything through the services, so numbers and historikk are real.
 */
export async function seedSaksbehandling(db: Kysely<DB>, now = new Date()): Promise<void> {
  const as = async (b: string): Promise<Actor> => (await loadActor(db, b))!;
  const [ola, kari, lise, arne, dina] = await Promise.all(['ola', 'kari', 'lise', 'arne', 'dina'].map(as));
  const idag = dagen(now);
  const plan = ola!.roller[0]!.enhetId;

  // §11.3: Kari is Lise's deputy this month, with Lise's U code.
  await oppnevnStedfortreder(db, lise!, { stedfortrederId: kari!.bruker.systemId, fraDato: idag, tilDato: leggTilDager(idag, 30), tilgangskoder: ['U'] });

  // A sak of Ola's with incoming post: one in Ubehandlet, one past due (Forfall), one avskrevet by phone.
  const gate = await createSak(db, dina!, { tittel: 'Oppgradering av Kirkeveien', sakstype: 'GS', saksansvarligId: ola!.bruker.systemId, administrativEnhetId: plan });
  const part = (navn: string, epost: string) => [{ korrespondanseparttype: 'EA' as const, navn, epostadresse: epost }];
  const klage = await createJournalpost(db, dina!, gate, { journalposttype: 'I', tittel: 'Klage på støy fra anleggsarbeid', saksbehandlerId: ola!.bruker.systemId, forfallsdato: leggTilDager(idag, 10), korrespondanseparter: part('Beboer i Kirkeveien 4', 'beboer4@example.org') });
  await createJournalpost(db, dina!, gate, { journalposttype: 'I', tittel: 'Spørsmål om omkjøring', saksbehandlerId: ola!.bruker.systemId, forfallsdato: leggTilDager(idag, -3), korrespondanseparter: part('Fjordvik Taxi', 'post@fjordviktaxi.example') });
  const ringt = await createJournalpost(db, dina!, gate, { journalposttype: 'I', tittel: 'Henvendelse om parkering', saksbehandlerId: ola!.bruker.systemId, korrespondanseparter: part('Kari Nabo', 'kari.nabo@example.org') });
  await avskriv(db, ola!, ringt, { avskrivningsmaate: 'TLF', merknad: 'Ringte tilbake, parkering avklart' });
  // §12.6: a letter registered in the wrong sak is removed by the dokumentsenter; the archive lists it.
  const feilsendt = await createJournalpost(db, dina!, gate, { journalposttype: 'I', tittel: 'Faktura for skolemelk', saksbehandlerId: ola!.bruker.systemId, korrespondanseparter: part('Meieriet AS', 'faktura@meieriet.example') });
  await feilregistrer(db, dina!, feilsendt, now);

  // §10.2.2: Ola answers the complaint (Besvar og avskriv) and sends it to Lise for approval.
  const svar = await besvar(db, ola!, { maate: 'besvar_og_avskriv', journalpostIds: [klage], tittel: 'Svar på klage på støy' });
  await opprettOppgave(db, ola!, { oppgavetype: 'GODKJENNING', journalpostId: svar, mottakerIds: [lise!.bruker.systemId], merknad: 'Kan du se over før utsending?' });

  // §12.1: Lise (leader) asks Ola for a statement; §10.8 an N-notat to Ola with a copy to Lise, expedited.
  await opprettOppgave(db, lise!, { oppgavetype: 'UTTALELSE', journalpostId: klage, mottakerIds: [ola!.bruker.systemId], merknad: 'Har vi målinger fra entreprenøren?' });
  // §6: Kari works in Ola's sak too, so Ola (saksansvarlig) gives her access to add journalposter.
  await giTilgang(db, ola!, gate, kari!.bruker.systemId);
  const notat = await createJournalpost(db, kari!, gate, {
    journalposttype: 'N',
    tittel: 'Oppfølging av støymålinger',
    forfallsdato: leggTilDager(idag, 7),
    korrespondanseparter: [
      { korrespondanseparttype: 'IM', navn: 'Ola Nordmann', brukerId: ola!.bruker.systemId },
      { korrespondanseparttype: 'IK', navn: 'Lise Leder', brukerId: lise!.bruker.systemId },
    ],
  });
  await db.transaction().execute((trx) => ekspederJournalpost(trx, kari!, notat));

  // An approved letter (Godkjent → F) waiting for Kari to expedite it.
  const brev = await createJournalpost(db, kari!, gate, { journalposttype: 'U', tittel: 'Varsel om anleggsarbeid til naboer', korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Naboer i Kirkeveien', postadresse: 'Kirkeveien 1-9' }] });
  const [g] = await opprettOppgave(db, kari!, { oppgavetype: 'GODKJENNING', journalpostId: brev, mottakerIds: [lise!.bruker.systemId] });
  await besvarOppgave(db, lise!, g!, { svar: 'Godkjent', merknad: 'Fint' });

  // §12.5: an OBS-dato on Kari's sak within the five-day window; both saker recently used.
  const vei = await createSak(db, kari!, { tittel: 'Trafikksikkerhetsplan 2027', sakstype: 'PS' });
  await updateSak(db, kari!, vei, { obsDato: leggTilDager(idag, 2), obsKommentar: 'Høringsfrist går ut' });
  await merkSakBrukt(db, kari!.bruker.systemId, vei);
  await merkSakBrukt(db, ola!.bruker.systemId, gate);

  // Saker in status B (checked), A (closed after journalføring), U (created by mistake) and X.
  await endreSaksstatus(db, arne!, vei, 'kontroller');
  const ferdig = await createSak(db, ola!, { tittel: 'Innkjøp av brøytestikker 2026', sakstype: 'ES' });
  const x = await createJournalpost(db, ola!, ferdig, { journalposttype: 'X', tittel: 'Notat om bestilling' });
  await db.transaction().execute((trx) => ekspederJournalpost(trx, ola!, x));
  await journalfoer(db, arne!, x);
  await endreSaksstatus(db, arne!, ferdig, 'avslutt');
  const feil = await createSak(db, ola!, { tittel: 'Kirkeveien oppgradering', sakstype: 'GS' });
  await endreSaksstatus(db, dina!, feil, 'utgaar');
  // X: kept for reference, not followed up (§5).
  const orientering = await createSak(db, ola!, { tittel: 'Orientering fra KS om nytt inntektssystem', sakstype: 'GS' });
  await endreSaksstatus(db, dina!, orientering, 'ingen_oppfoelging');
}
