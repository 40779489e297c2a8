import type { Kysely, Transaction } from 'kysely';
import { AVSKRIVNINGSMAATER, type AvskrivInput, avskrivningsmaaterFor, baererRestanse, harRestanse, svartypeFor, transition } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound, validation } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { lockJournalpost } from '../journalpost/journalpost.repository';
import { journalpostPolicy } from '../policies/journalpost.policy';

type Locked = NonNullable<Awaited<ReturnType<typeof lockJournalpost>>>;

async function interneMottakere(trx: Transaction<DB>, journalpostId: string): Promise<string[]> {
  const rows = await trx.selectFrom('korrespondansepart').select('brukerId').where('journalpostId', '=', journalpostId).where('korrespondanseparttype', '=', 'IM').execute();
  return rows.map((r) => r.brukerId).filter((x): x is string => x !== null);
}

/** A reply in these statuses has not been sent yet. */
export const UTEKSPEDERT = ['R', 'F'] as const;
const SENDES = ['U', 'N', 'X'] as const;

/**
 * Registers one avskrivning on a locked journalpost (§10.2): the code must be one the table
 * allows for the dokumenttype, TLF needs a merknad, and the journalpost must carry restanse.
 * With a reply that is not yet expedited the avskrivning waits (ventende) for the expedition.
 */
export async function registrerAvskrivning(trx: Transaction<DB>, actor: Actor, jp: Locked, input: AvskrivInput, now: Date): Promise<string> {
  const ims = await interneMottakere(trx, jp.systemId);
  const policyInput = {
    saksbehandlerId: jp.saksbehandlerId,
    administrativEnhetId: jp.administrativEnhetId,
    journalstatus: jp.journalstatus,
    journalposttype: jp.journalposttype,
    sak: { saksansvarligId: jp.sakSaksansvarligId, administrativEnhetId: jp.sakEnhetId },
    interneMottakerIds: ims,
  };
  if (!journalpostPolicy.mayAvskriv(actor, policyInput)) throw forbidden('Du har ikke rettigheter til å avskrive denne journalposten');
  const t = transition(jp.journalstatus, 'avskriv');
  if (!t.ok) throw new AppError('status_conflict', `Kan ikke avskrive fra status ${jp.journalstatus}`);
  const tillatte = avskrivningsmaaterFor(jp.journalposttype);
  if (!tillatte.includes(input.avskrivningsmaate)) {
    throw new AppError('avskrivningsmaate_not_allowed', `${input.avskrivningsmaate} gjelder ikke dokumenttype ${jp.journalposttype} (tillatt: ${tillatte.join(', ') || 'ingen'})`, {
      errors: [{ field: '/avskrivningsmaate', message: `tillatt for ${jp.journalposttype}: ${tillatte.join(', ') || 'ingen'}` }],
    });
  }
  const maate = AVSKRIVNINGSMAATER.find((m) => m.kode === input.avskrivningsmaate)!;
  if (maate.krevMerknad && !input.merknad) {
    throw new AppError('merknad_required', `${maate.kode} (${maate.navn}) krever en merknad`, { errors: [{ field: '/merknad', message: 'påkrevd' }] });
  }
  const eksisterende = await trx.selectFrom('avskrivning').select(['avskrivningsmaate', 'ventende']).where('journalpostId', '=', jp.systemId).execute();
  if (!baererRestanse(jp) || !harRestanse(jp, eksisterende)) throw new AppError('no_restanse', 'Journalposten har ingen restanse å avskrive');

  // §10.2: a code that names the reply (BU, BI, BX, NX) needs that reply, of the kind it names.
  const svartype = svartypeFor(input.avskrivningsmaate);
  if (svartype && !input.svarJournalpostId) {
    throw validation('/svarJournalpostId', `${maate.kode} (${maate.navn}) krever svarjournalposten (dokumenttype ${svartype})`);
  }
  let ventende = false;
  if (input.svarJournalpostId) {
    const svar = await trx.selectFrom('journalpost').select(['journalstatus', 'journalposttype', 'feilregistrertDato']).where('systemId', '=', input.svarJournalpostId).executeTakeFirst();
    if (!svar || svar.feilregistrertDato) throw validation('/svarJournalpostId', 'svarjournalposten finnes ikke');
    if (input.svarJournalpostId === jp.systemId) throw validation('/svarJournalpostId', 'en journalpost kan ikke besvare seg selv');
    if (svartype && svar.journalposttype !== svartype) {
      const melding = `${maate.kode} (${maate.navn}) krever et svar med dokumenttype ${svartype}, ikke ${svar.journalposttype}`;
      throw new AppError('unprocessable', melding, { errors: [{ field: '/svarJournalpostId', message: melding }] });
    }
    // §10.2.2: the avskrivning takes effect when the reply is expedited. Only what the
    // municipality sends (U, N, X) is expedited; an incoming reply (BI) counts at once.
    ventende = (SENDES as readonly string[]).includes(svar.journalposttype) && (UTEKSPEDERT as readonly string[]).includes(svar.journalstatus);
  }
  const row = await trx
    .insertInto('avskrivning')
    .values({
      journalpostId: jp.systemId,
      avskrivningsmaate: input.avskrivningsmaate,
      avskrivningsdato: ventende ? null : now,
      ventende,
      merknad: input.merknad ?? null,
      svarJournalpostId: input.svarJournalpostId ?? null,
      avskrevetAvId: actor.bruker.systemId,
    })
    .returning('systemId')
    .executeTakeFirstOrThrow();
  if (input.merknad) {
    await trx.insertInto('merknad').values({ journalpostId: jp.systemId, merknadstype: 'FORMELL', merknadstekst: `${maate.kode}: ${input.merknad}`, registrertAvId: actor.bruker.systemId }).execute();
  }
  await appendHistorikk(trx, actor, {
    handling: 'avskrivning_registrert',
    objekttype: 'avskrivning',
    objektId: row.systemId,
    sakId: jp.sakId,
    journalpostId: jp.systemId,
    data: { avskrivningsmaate: input.avskrivningsmaate, ventende, svarJournalpostId: input.svarJournalpostId ?? null, merknad: input.merknad ?? null },
  });
  return row.systemId;
}

/** §10.2.1 / §10.2.2 way 1: avskriv a journalpost. */
export async function avskriv(db: Kysely<DB>, actor: Actor, journalpostId: string, input: AvskrivInput, now = new Date()): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const jp = await lockJournalpost(trx, journalpostId);
    if (!jp || jp.feilregistrertDato) throw notFound('Journalposten');
    return registrerAvskrivning(trx, actor, jp, input, now);
  });
}

/**
 * When a reply is expedited, the avskrivninger waiting for it take effect (§10.2.2). Also when
 * the archive journalfører a finished reply directly (F → J): it is final, and waiting for an
 * expedition that can no longer come would leave the restanse forever.
 */
export async function aktiverVentendeAvskrivninger(trx: Transaction<DB>, actor: Actor, svarJournalpostId: string, now: Date): Promise<number> {
  const rows = await trx
    .updateTable('avskrivning')
    .set({ ventende: false, avskrivningsdato: now })
    .where('svarJournalpostId', '=', svarJournalpostId)
    .where('ventende', '=', true)
    .returning(['systemId', 'journalpostId', 'avskrivningsmaate'])
    .execute();
  for (const r of rows) {
    const jp = await trx.selectFrom('journalpost').select('sakId').where('systemId', '=', r.journalpostId).executeTakeFirstOrThrow();
    await appendHistorikk(trx, actor, {
      handling: 'avskrivning_trer_i_kraft',
      objekttype: 'avskrivning',
      objektId: r.systemId,
      sakId: jp.sakId,
      journalpostId: r.journalpostId,
      data: { avskrivningsmaate: r.avskrivningsmaate, svarJournalpostId },
    });
  }
  return rows.length;
}
