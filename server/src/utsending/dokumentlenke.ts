import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Variantformat } from '@arkiv/shared';
import { type Actor, loadActorById } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, notFound } from '../errors/app-error';
import { findVersjonForDownload } from '../dokument/dokument.service';

/** How long Outlook has to fetch a new message's attachments from their links. */
export const DOKUMENTLENKE_LEVETID_MS = 15 * 60_000;

/** 32 random bytes, base64url: the link's secret. Only its SHA-256 is stored. */
export const DOKUMENTLENKE_TOKEN = '^[A-Za-z0-9_-]{43}$';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A link that stands for `actor` when fetching one document version, for a short while (§12.3:
 * Outlook fetches a new message's attachments itself, without the user's token). The caller has
 * checked that the actor sees the version; the download checks again.
 */
export async function lagDokumentlenke(trx: Transaction<DB>, actor: Actor, versjon: { dokumentId: string; versjonsnummer: number; variantformat: Variantformat }, now: Date): Promise<{ token: string; utloeper: Date }> {
  const token = randomBytes(32).toString('base64url');
  const utloeper = new Date(now.getTime() + DOKUMENTLENKE_LEVETID_MS);
  await trx
    .insertInto('dokumentlenke')
    .values({ tokenSha256: sha256(token), dokumentbeskrivelseId: versjon.dokumentId, versjonsnummer: versjon.versjonsnummer, variantformat: versjon.variantformat, brukerId: actor.bruker.systemId, utloeper, opprettetDato: now })
    .execute();
  return { token, utloeper };
}

/**
 * The version a link stands for, read as the user who made it: an unknown link is 404, an
 * expired one 410 `link_expired`, and a version the user no longer sees (screened since, access
 * withdrawn) 404, as through the user's own download. Expired links are cleared on the way.
 */
export async function lenketVersjon(db: Kysely<DB>, token: string, now: Date) {
  await db.deleteFrom('dokumentlenke').where('utloeper', '<', new Date(now.getTime() - DOKUMENTLENKE_LEVETID_MS)).execute();
  const lenke = await db.selectFrom('dokumentlenke').selectAll().where('tokenSha256', '=', sha256(token)).executeTakeFirst();
  if (!lenke) throw notFound('Lenken');
  if (lenke.utloeper.getTime() <= now.getTime()) throw new AppError('link_expired', 'Lenken er utløpt: legg dokumentene i en ny e-post fra Arkiv');
  const actor = await loadActorById(db, lenke.brukerId);
  if (!actor) throw notFound('Lenken');
  return findVersjonForDownload(db, actor, lenke.dokumentbeskrivelseId, lenke.versjonsnummer, lenke.variantformat as Variantformat);
}
