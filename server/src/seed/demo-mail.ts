import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { type Actor, loadActor } from '../auth/actor';
import type { BlobStore } from '../blob/blob-store';
import type { DB } from '../db/schema';
import { addDokument } from '../dokument/dokument.service';
import { createJournalpost } from '../journalpost/journalpost.service';
import { compose } from '../mail/fixtures/corpus';
import { importMessages } from '../mail/import.service';
import { skrivBrevFraMal } from '../maler/brev.service';
import { createMal, createStandardtekst } from '../maler/mal.service';
import { ekspeder } from '../utsending/ekspeder.service';


/**
 * Issue 5 in the demo: an imported e-mail (forwarded, with an attachment) in Sjøfronten, a
 * letter template with a standard text, and a letter written from it and expedited, so the
 * outbox has an entry that the worker delivers to the local outbox folder (/dev/utsendt).
 */
export async function seedMail(db: Kysely<DB>, blobs: BlobStore, mailFrom = 'Fjordvik kommune <postmottak@fjordvik.kommune.example>'): Promise<void> {
  const as = async (brukernavn: string): Promise<Actor> => (await loadActor(db, brukernavn))!;
  const [ola, arne] = await Promise.all(['ola', 'arne'].map(as));
  const plan = await db.selectFrom('sak').select('systemId').where('tittel', '=', 'Detaljregulering Sjøfronten').executeTakeFirstOrThrow();

  const raw = await compose({
    from: 'Kari Saksansvarlig <kari.saksansvarlig@fjordvik.kommune.example>',
    to: 'ola.nordmann@fjordvik.kommune.example',
    subject: 'VS: Merknad til planforslaget Sjøfronten',
    date: new Date('2026-11-06T09:12:00Z'),
    messageId: '<demo-sjofronten-merknad@fjordvik.kommune.example>',
    text:
      'Til saken.\n\n-----Opprinnelig melding-----\nFra: Hans Hørsel <hans.horsel@example.no>\nSendt: 5. november 2026 20:41\n' +
      'Til: Postmottak <postmottak@fjordvik.kommune.example>\nEmne: Merknad til planforslaget Sjøfronten\n\n' +
      'Vi ber om at gangstien langs sjøen blir bevart.\nVår ref: HH-2026-3\n\nHilsen Hans Hørsel',
    attachments: [{ filename: 'Kart med gangsti.txt', content: Buffer.from('Kartskisse (demo)\n') }],
  });
  const staged = await blobs.stage(Readable.from([raw]));
  await importMessages(db, blobs, ola!, { sakId: plan.systemId }, { retning: 'mottatt', forfallsdato: '2026-12-01' }, [{ staged, filnavn: 'Merknad til planforslaget.eml' }], { maxBytes: 10_000_000 });

  const malId = await createMal(db, arne!, {
    navn: 'Svar på merknad til planforslag',
    sakstype: 'PS',
    journalposttype: 'U',
    innhold:
      '{{mottakerNavn}}\n{{mottakerAdresse}}\n\nVår ref.: {{vaarRef}}   Deres ref.: {{deresRef}}   Dato: {{dato}}\n\n{{tittel}}\n\n' +
      'Takk for merknaden til {{sakstittel}}. Den blir vurdert i den videre planbehandlingen.\n\n{{standardtekster}}\n\nMed hilsen\n{{saksbehandler}}\n{{enhet}}',
  });
  const st = await createStandardtekst(db, arne!, { navn: 'Planprosessen', tekst: 'Planforslaget legges ut til offentlig ettersyn før politisk behandling.', sakstype: 'PS' });

  const svar = await createJournalpost(db, ola!, plan.systemId, {
    journalposttype: 'U',
    tittel: 'Svar på merknad - gangsti Sjøfronten',
    korrespondanseparter: [
      { korrespondanseparttype: 'EM', navn: 'Hans Hørsel', epostadresse: 'hans.horsel@example.no', deresReferanse: 'HH-2026-3' },
      { korrespondanseparttype: 'EM', navn: 'Sjøfronten Velforening', postadresse: 'Postboks 7', postnummer: '9001', poststed: 'Fjordvik' },
    ],
  });
  await skrivBrevFraMal(db, blobs, ola!, svar, { malId, standardtekstIds: [st] });
  const vedlegg = await blobs.stage(Readable.from([Buffer.from('Planbeskrivelse (demo)\n')]));
  await addDokument(db, blobs, ola!, svar, { tittel: 'Planbeskrivelse', tilknytning: 'V' }, { staged: vedlegg, filnavn: 'planbeskrivelse.txt', mimeType: 'text/plain; charset=utf-8' });
  await ekspeder(db, blobs, { from: mailFrom }, ola!, svar, { hoveddokumentSom: 'tekst' });
}
