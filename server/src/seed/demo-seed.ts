import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Rolle, Tilgangskode } from '@arkiv/shared';
import { type Actor, loadActor } from '../auth/actor';
import { setSakSkjermedeOrd } from '../sak/skjermede-ord';
import type { BlobStore } from '../blob/blob-store';
import type { DB } from '../db/schema';
import { addDokument } from '../dokument/dokument.service';
import { setPublisering } from '../dokument/offentlighet.service';
import { addMerknad, arkiver, createJournalpost, journalfoer } from '../journalpost/journalpost.service';
import { opprettKryssreferanse } from '../kryssreferanse/kryssreferanse.service';
import { avskriv } from '../restanse/avskriv';
import { createSak } from '../sak/sak.service';
import { DEMO_BRUKERE, DEMO_ENHETER, DEMO_KLASSER } from './demo-data';
import { seedMail } from './demo-mail';
import { seedSaksbehandling } from './demo-saksbehandling';
import { seedArkivbord, seedArkivformatOgUttrekk } from './demo-arkiv';

/**
 * The demo municipality a newcomer sees on the first `npm start`. Reference data is inserted
 * directly; saker, journalposter and documents go through the services, so they carry
 * numbers and historikk like any record made through the API.
 */
export async function seedDemoIfEmpty(db: Kysely<DB>, blobs: BlobStore, opts: { mailFrom?: string; dataDir?: string } = {}): Promise<boolean> {
  const any = await db.selectFrom('arkiv').select('systemId').executeTakeFirst();
  if (any) return false;
  await seedReferenceData(db);
  await seedSaker(db, blobs);
  await seedMail(db, blobs, opts.mailFrom);
  await seedSaksbehandling(db);
  await seedArkivbord(db, blobs);
  // Last: the finished deposit holds everything above.
  await seedArkivformatOgUttrekk(db, blobs, opts.dataDir);
  return true;
}

export async function seedReferenceData(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const enheter = new Map<string, string>();
    for (const e of DEMO_ENHETER) {
      const row = await trx
        .insertInto('administrativEnhet')
        .values({ kode: e.kode, navn: e.navn, overordnetId: e.overordnet ? (enheter.get(e.overordnet) ?? null) : null })
        .returning('systemId')
        .executeTakeFirstOrThrow();
      enheter.set(e.kode, row.systemId);
    }
    for (const b of DEMO_BRUKERE) {
      const bruker = await trx.insertInto('bruker').values({ brukernavn: b.brukernavn, navn: b.navn, epost: b.epost }).returning('systemId').executeTakeFirstOrThrow();
      for (const [enhet, rolle] of b.roller as readonly (readonly [string, Rolle])[]) {
        await trx.insertInto('brukerRolle').values({ brukerId: bruker.systemId, enhetId: enheter.get(enhet)!, rolle }).execute();
      }
      for (const [kode, enhet] of b.tilganger as readonly (readonly [Tilgangskode, string | null])[]) {
        await trx.insertInto('brukerTilgang').values({ brukerId: bruker.systemId, tilgangskode: kode, enhetId: enhet ? enheter.get(enhet)! : null }).execute();
      }
    }
    const arkiv = await trx
      .insertInto('arkiv')
      .values({ tittel: 'Fjordvik kommune – sakarkiv', arkivskaperId: '944000000', arkivskaperNavn: 'Fjordvik kommune', opprettetAv: 'system' })
      .returning('systemId')
      .executeTakeFirstOrThrow();
    const ks = await trx
      .insertInto('klassifikasjonssystem')
      .values({ tittel: 'KS-arkivnøkkel (K-koder)', klassifikasjonstype: 'Funksjonsbasert, hierarkisk', opprettetAv: 'system' })
      .returning('systemId')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('arkivdel')
      .values({ arkivId: arkiv.systemId, klassifikasjonssystemId: ks.systemId, tittel: 'Sakarkiv 2024–', arkivperiodeStartDato: '2024-01-01', opprettetAv: 'system' })
      .execute();
    for (const k of DEMO_KLASSER) {
      await trx.insertInto('klasse').values({ klassifikasjonssystemId: ks.systemId, klasseId: k.klasseId, tittel: k.tittel, opprettetAv: 'system' }).execute();
    }
  });
}

const text = (body: string) => Readable.from([Buffer.from(body, 'utf8')]);

async function seedSaker(db: Kysely<DB>, blobs: BlobStore): Promise<void> {
  const as = async (brukernavn: string): Promise<Actor> => (await loadActor(db, brukernavn))!;
  const [sbh, sa, led, ark, dok] = await Promise.all(['ola', 'kari', 'lise', 'arne', 'dina'].map(as));
  const klasse = async (id: string) => (await db.selectFrom('klasse').select('systemId').where('klasseId', '=', id).executeTakeFirstOrThrow()).systemId;
  const user = async (brukernavn: string) => (await db.selectFrom('bruker').select('systemId').where('brukernavn', '=', brukernavn).executeTakeFirstOrThrow()).systemId;
  const doc = async (actor: Actor, jpId: string, tittel: string, filnavn: string, body: string) => {
    const staged = await blobs.stage(text(body));
    return addDokument(db, blobs, actor, jpId, { tittel }, { staged, filnavn, mimeType: 'text/plain; charset=utf-8' });
  };

  // 1. A building application, registered by the dokumentsenter and journalført (J).
  const bygg = await createSak(db, dok!, {
    tittel: 'Gnr 12 bnr 45 - Storgata 3 - Søknad om tilbygg',
    tittel2: 'Tiltakshaver Per Hansen',
    sakstype: 'BS',
    saksansvarligId: await user('kari'),
    klasseId: await klasse('L42'),
    administrativEnhetId: sa!.roller[0]!.enhetId,
  });
  const soknad = await createJournalpost(db, dok!, bygg, {
    journalposttype: 'I',
    tittel: 'Søknad om tillatelse til tiltak - tilbygg',
    dokumentdato: '2026-11-02',
    forfallsdato: '2026-11-30',
    saksbehandlerId: await user('kari'),
    korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Arkitektkontoret Nord AS', postadresse: 'Postboks 12', postnummer: '9001', poststed: 'Tromsø', epostadresse: 'post@arkitektnord.example', deresReferanse: 'AN-2026-118' }],
  });
  await doc(dok!, soknad, 'Søknad om tillatelse til tiltak', 'soknad.txt', 'Søknad om tillatelse til tiltak etter plan- og bygningsloven § 20-1.\nTiltak: tilbygg 32 m2.\n');
  const situasjonsplan = await doc(dok!, soknad, 'Situasjonsplan', 'situasjonsplan.txt', 'Situasjonsplan 1:500 (demo).\n');
  // The saksbehandler publishes the site plan in the offentlig journal (nothing about it is screened).
  await setPublisering(db, sa!, situasjonsplan, true);
  await journalfoer(db, ark!, soknad);
  await addMerknad(db, sa!, soknad, { merknadstype: 'UFORMELL', merknadstekst: 'Mangler nabovarsel – sjekk før vedtak.' });

  // 2. The saksbehandler's reply in work (R): Dokumenter i arbeid.
  const forelopigSvar = await createJournalpost(db, sa!, bygg, {
    journalposttype: 'U',
    tittel: 'Foreløpig svar - søknad om tilbygg',
    korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: 'Arkitektkontoret Nord AS', epostadresse: 'post@arkitektnord.example', deresReferanse: 'AN-2026-118' }],
  });

  // 3. A sak created by a saksbehandler (R) with incoming e-mail he registered himself (S).
  const plan = await createSak(db, sbh!, { tittel: 'Detaljregulering Sjøfronten', sakstype: 'PS', klasseId: await klasse('L12') });
  const innspill = await createJournalpost(db, sbh!, plan, {
    journalposttype: 'I',
    tittel: 'Innspill til varsel om oppstart - Sjøfronten',
    forfallsdato: '2026-11-10',
    korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Sjøfronten Velforening', epostadresse: 'styret@sjofronten.example' }],
  });
  await doc(sbh!, innspill, 'Innspill fra velforeningen', 'innspill.txt', 'Vi ber om at strandsonen holdes åpen for allmennheten.\n');
  const notat = await createJournalpost(db, sbh!, plan, { journalposttype: 'X', tittel: 'Notat fra oppstartsmøte' });
  await doc(sbh!, notat, 'Referat oppstartsmøte', 'referat.txt', 'Til stede: plan, kommunalteknikk.\n');

  // 4. A screened personnel sak (P, level 3): only HR and the archive see parties and documents.
  const pers = await createSak(db, ark!, {
    tittel: 'Personalmappe - Ansatt 1042',
    tittel2: 'Ola Olsen',
    sakstype: 'PERS',
    saksansvarligId: await user('lise'),
    administrativEnhetId: led!.roller[0]!.enhetId,
    skjerming: { tilgangskode: 'P', skjermingsnivaa: 3, skjermingshjemmel: 'Offl. § 25' },
  });
  // A screened word in title line 1: the employee number shows as ***** to all but HR and the
  // archive, and in the public journal ('Personalmappe - Ansatt ***** - *****').
  await setSakSkjermedeOrd(db, ark!, pers, ['1042']);
  const ansettelse = await createJournalpost(db, ark!, pers, {
    journalposttype: 'I',
    tittel: 'Søknad om permisjon',
    tittel2: 'Ola Olsen',
    saksbehandlerId: await user('lise'),
    korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Ola Olsen', postadresse: 'Fjellveien 2', postnummer: '9000', poststed: 'Fjordvik' }],
  });
  await doc(ark!, ansettelse, 'Søknad om permisjon', 'permisjon.txt', 'Jeg søker om permisjon uten lønn (demo).\n');
  await journalfoer(db, ark!, ansettelse);

  // 5. An incoming letter with its own screening (U, level 1) in an open sak, journalført.
  const tilskudd = await createSak(db, led!, { tittel: 'Tilskudd til lag og foreninger 2026', sakstype: 'GS', klasseId: await klasse('223') });
  const soknadTilskudd = await createJournalpost(db, led!, tilskudd, {
    journalposttype: 'I',
    tittel: 'Søknad om tilskudd - Fjordvik IL',
    tittel2: 'Regnskap og budsjett',
    skjerming: { tilgangskode: 'U', skjermingsnivaa: 1, skjermingshjemmel: 'Offl. § 23 første ledd' },
    korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Fjordvik IL', organisasjonsnummer: '912345678' }],
  });
  await doc(led!, soknadTilskudd, 'Søknad med regnskap', 'tilskudd.txt', 'Regnskap 2025 og budsjett 2026 (demo).\n');
  await journalfoer(db, ark!, soknadTilskudd);

  // 6. The offentlig journal: every level of skjerming, an archived post, a held-back one.
  // Level 2 on a journalpost: the public sees 'Søknad om startlån - *****'; the fødselsnummer
  // in line 2 never leaves the archive.
  const startlaan = await createSak(db, led!, { tittel: 'Startlån 2026', sakstype: 'ST' });
  const startlaanSoknad = await createJournalpost(db, led!, startlaan, {
    journalposttype: 'I',
    tittel: 'Søknad om startlån',
    tittel2: 'Søker 01019012480',
    skjerming: { tilgangskode: 'U', skjermingsnivaa: 2, skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13 første ledd nr. 1' },
    korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Eva Eksempel' }],
  });
  await doc(led!, startlaanSoknad, 'Søknad og økonomiske opplysninger', 'startlan.txt', 'Inntekt og gjeld (demo).\n');
  await journalfoer(db, ark!, startlaanSoknad);
  // Level 3 on a journalpost: sender's name replaced by *****.
  const varsling = await createJournalpost(db, led!, startlaan, {
    journalposttype: 'I',
    tittel: 'Opplysninger om søkers økonomi',
    tittel2: 'Fra namsmannen',
    skjerming: { tilgangskode: 'U', skjermingsnivaa: 3, skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13' },
    korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Namsmannen i Fjordvik' }],
  });
  await journalfoer(db, ark!, varsling);
  // A fødselsnummer in title line 1: journalført, but held back from the public journal
  // (GET /api/offentlig-journal/avviste shows the archive which and why).
  const skyss = await createSak(db, led!, { tittel: 'Skoleskyss 2026/2027', sakstype: 'GS' });
  const skyssSoknad = await createJournalpost(db, dok!, skyss, { journalposttype: 'I', tittel: 'Søknad om skoleskyss for 15058543206', saksbehandlerId: await user('lise') });
  await journalfoer(db, ark!, skyssSoknad);
  // Unassessed mail registered by the dokumentsenter as XX (midlertidig skjermet).
  await createJournalpost(db, dok!, skyss, {
    journalposttype: 'I',
    tittel: 'E-post om skoleskyss',
    tittel2: 'Forelder ber om unntak',
    midlertidigSkjermet: true,
    saksbehandlerId: await user('lise'),
    korrespondanseparter: [{ korrespondanseparttype: 'EA', navn: 'Forelder Foreldersen', epostadresse: 'forelder@example.org' }],
  });
  // The building application is answered orally and archived (A): still in the public journal.
  // A record with restanse is not archived (it would stay in Ubehandlet for ever).
  await avskriv(db, sa!, soknad, { avskrivningsmaate: 'BM' });
  await arkiver(db, ark!, soknad);

  // 7. Kryssreferanser: the reply points to the application it answers, the building
  // sak to the zoning plan it depends on, the plan's meeting note to the residents' input, and
  // the creditor's information to the screened loan application (others see line 2 as *****).
  await opprettKryssreferanse(db, sa!, { type: 'journalpost', id: forelopigSvar }, { tilJournalpostId: soknad });
  await opprettKryssreferanse(db, sa!, { type: 'sak', id: bygg }, { tilSakId: plan });
  await opprettKryssreferanse(db, sbh!, { type: 'journalpost', id: notat }, { tilJournalpostId: innspill });
  await opprettKryssreferanse(db, led!, { type: 'journalpost', id: varsling }, { tilJournalpostId: startlaanSoknad });
}
