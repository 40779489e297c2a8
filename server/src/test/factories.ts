import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { JournalpostCreate, Rolle, SakCreate, Tilgangskode } from '@arkiv/shared';
import { type Actor, loadActor } from '../auth/actor';
import type { BlobStore } from '../blob/blob-store';
import type { DB } from '../db/schema';
import { addDokument } from '../dokument/dokument.service';
import { createJournalpost } from '../journalpost/journalpost.service';
import { createSak } from '../sak/sak.service';

/** Test factories: reference rows directly, records through the real services (STYLE.md §9). */
let seq = 0;
const next = () => `${++seq}${Math.random().toString(36).slice(2, 6)}`;

export async function buildEnhet(db: Kysely<DB>, kode = `E${next()}`) {
  return db.insertInto('administrativEnhet').values({ kode, navn: `Enhet ${kode}` }).returning(['systemId', 'kode']).executeTakeFirstOrThrow();
}

export async function buildBruker(
  db: Kysely<DB>,
  opts: { roller: readonly (readonly [Rolle, string])[]; tilganger?: readonly (readonly [Tilgangskode, string | null])[]; brukernavn?: string },
): Promise<Actor> {
  const brukernavn = opts.brukernavn ?? `u${next()}`;
  const bruker = await db.insertInto('bruker').values({ brukernavn, navn: `Bruker ${brukernavn}`, epost: `${brukernavn}@test.example` }).returning('systemId').executeTakeFirstOrThrow();
  for (const [rolle, enhetId] of opts.roller) await db.insertInto('brukerRolle').values({ brukerId: bruker.systemId, enhetId, rolle }).execute();
  for (const [tilgangskode, enhetId] of opts.tilganger ?? []) await db.insertInto('brukerTilgang').values({ brukerId: bruker.systemId, tilgangskode, enhetId }).execute();
  return (await loadActor(db, brukernavn))!;
}

/** The arkiv/arkivdel every sak needs; idempotent. */
export async function buildArkivdel(db: Kysely<DB>): Promise<string> {
  const existing = await db.selectFrom('arkivdel').select('systemId').executeTakeFirst();
  if (existing) return existing.systemId;
  const arkiv = await db.insertInto('arkiv').values({ tittel: 'Testarkiv', arkivskaperId: '1', arkivskaperNavn: 'Test kommune', opprettetAv: 'test' }).returning('systemId').executeTakeFirstOrThrow();
  const del = await db.insertInto('arkivdel').values({ arkivId: arkiv.systemId, tittel: 'Testarkivdel', opprettetAv: 'test' }).returning('systemId').executeTakeFirstOrThrow();
  return del.systemId;
}

/** A unit with one user per role, the way most route tests want the world. */
export async function buildWorld(db: Kysely<DB>) {
  await buildArkivdel(db);
  const enhet = await buildEnhet(db);
  const annenEnhet = await buildEnhet(db);
  const arkivEnhet = await buildEnhet(db);
  const sbh = await buildBruker(db, { roller: [['SBH', enhet.systemId]] });
  const sbh2 = await buildBruker(db, { roller: [['SBH', enhet.systemId]] });
  const fremmed = await buildBruker(db, { roller: [['SBH', annenEnhet.systemId]] });
  const leder = await buildBruker(db, { roller: [['LED', enhet.systemId]], tilganger: [['U', enhet.systemId]] });
  const ark = await buildBruker(db, { roller: [['ARK', arkivEnhet.systemId]], tilganger: [['U', null], ['P', null], ['IS', null]] });
  const dok = await buildBruker(db, { roller: [['DOK', arkivEnhet.systemId]] });
  return { enhet, annenEnhet, arkivEnhet, sbh, sbh2, fremmed, leder, ark, dok };
}

export async function buildSak(db: Kysely<DB>, actor: Actor, input: Partial<SakCreate> = {}, now?: Date) {
  return createSak(db, actor, { tittel: `Sak ${next()}`, sakstype: 'GS', ...input }, now);
}

export async function buildJournalpost(db: Kysely<DB>, actor: Actor, sakId: string, input: Partial<JournalpostCreate> = {}, now?: Date) {
  return createJournalpost(db, actor, sakId, { journalposttype: 'U', tittel: `Journalpost ${next()}`, ...input }, now);
}

export async function buildDokument(db: Kysely<DB>, blobs: BlobStore, actor: Actor, journalpostId: string, content = `innhold ${next()}`) {
  const staged = await blobs.stage(Readable.from([Buffer.from(content)]));
  return addDokument(db, blobs, actor, journalpostId, { tittel: `Dokument ${next()}` }, { staged, filnavn: 'brev.txt', mimeType: 'text/plain' });
}
