import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { UttrekkJobbView } from '@arkiv/shared';
import type { Actor } from '../../auth/actor';
import type { BlobStore } from '../../blob/blob-store';
import type { DB } from '../../db/schema';
import { AppError, forbidden } from '../../errors/app-error';
import { erArkivansvarlig } from '../../policies/predicates';
import { eksporterArkivdel } from './eksport';
import { tarAvMappe } from './tar';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The arkivdel by its systemID or its title (case-insensitive). */
export async function finnArkivdel(db: Kysely<DB>, arkivdel: string): Promise<{ systemId: string; tittel: string }> {
  const q = db.selectFrom('arkivdel').select(['systemId', 'tittel']);
  const rows = UUID.test(arkivdel) ? await q.where('systemId', '=', arkivdel).execute() : await q.where((eb) => eb(eb.fn('lower', ['tittel']), '=', arkivdel.toLowerCase())).execute();
  if (rows.length === 0) throw new AppError('not_found', `Arkivdelen «${arkivdel}» finnes ikke`);
  if (rows.length > 1) throw new AppError('validation_failed', `Flere arkivdeler heter «${arkivdel}»: bruk systemID`, { errors: [{ field: '/arkivdel', message: 'flere arkivdeler har denne tittelen' }] });
  return rows[0]!;
}

const view = (r: Awaited<ReturnType<typeof hent>>): UttrekkJobbView => ({
  id: r.systemId,
  arkivdelId: r.arkivdelId,
  status: r.status,
  mappe: r.mappe,
  journalposterTotalt: r.journalposterTotalt,
  journalposterSkrevet: r.journalposterSkrevet,
  feil: r.sistFeil,
  opprettet: r.opprettetDato.toISOString(),
  ferdig: r.ferdigDato?.toISOString() ?? null,
});
const hent = (db: Kysely<DB>, id: string) => db.selectFrom('uttrekkJobb').selectAll().where('systemId', '=', id).executeTakeFirstOrThrow();

/**
 * Orders a deposit of an arkivdel (the archive manager only) and runs it as a job in this
 * process after the request has answered; its progress is written to the job's row per batch.
 */
export async function bestillUttrekk(db: Kysely<DB>, blobs: BlobStore, actor: Actor, dataDir: string, arkivdel: string): Promise<UttrekkJobbView> {
  if (!erArkivansvarlig(actor)) throw forbidden('Bare arkivansvarlig kan lage arkivuttrekk');
  const del = await finnArkivdel(db, arkivdel);
  const mappe = path.join(dataDir, 'uttrekk', `${del.systemId}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const jobb = await db.transaction().execute(async (trx) => {
    const aktiv = await trx.selectFrom('uttrekkJobb').select('systemId').where('arkivdelId', '=', del.systemId).where('status', 'in', ['VENTER', 'KJOERER']).forUpdate().executeTakeFirst();
    if (aktiv) throw new AppError('uttrekk_running', `Uttrekket ${aktiv.systemId} av arkivdelen kjører allerede`);
    return trx.insertInto('uttrekkJobb').values({ arkivdelId: del.systemId, mappe, bestiltAvId: actor.bruker.systemId }).returning('systemId').executeTakeFirstOrThrow();
  });
  setImmediate(() => void kjoerUttrekk(db, blobs, jobb.systemId));
  return view(await hent(db, jobb.systemId));
}

export async function kjoerUttrekk(db: Kysely<DB>, blobs: BlobStore, id: string): Promise<void> {
  const jobb = await hent(db, id);
  try {
    await db.updateTable('uttrekkJobb').set({ status: 'KJOERER' }).where('systemId', '=', id).execute();
    await mkdir(jobb.mappe, { recursive: true });
    await eksporterArkivdel(db, blobs, {
      arkivdelId: jobb.arkivdelId,
      til: jobb.mappe,
      fremdrift: async (skrevet, totalt) => {
        await db.updateTable('uttrekkJobb').set({ journalposterSkrevet: skrevet, journalposterTotalt: totalt }).where('systemId', '=', id).execute();
      },
    });
    await db.updateTable('uttrekkJobb').set({ status: 'FERDIG', ferdigDato: new Date() }).where('systemId', '=', id).execute();
  } catch (err) {
    await db.updateTable('uttrekkJobb').set({ status: 'FEILET', sistFeil: (err as Error).message.slice(0, 1000), ferdigDato: new Date() }).where('systemId', '=', id).execute();
  }
}

/** The arkivdeler an export can be made of (the archive manager chooses one in the pane). */
export async function arkivdelerForUttrekk(db: Kysely<DB>, actor: Actor) {
  if (!erArkivansvarlig(actor)) throw forbidden('Bare arkivansvarlig lager arkivuttrekk');
  const rows = await db.selectFrom('arkivdel').select(['systemId', 'tittel', 'arkivdelstatus', 'skrivebeskyttet']).orderBy('tittel').execute();
  return rows.map((r) => ({ systemId: r.systemId, tittel: r.tittel, arkivdelstatus: r.arkivdelstatus, skrivebeskyttet: r.skrivebeskyttet }));
}

/**
 * A finished export's package, for download as one tar file named by the job (Arkivverket and
 * the IKA receive a deposit as tar). Only FERDIG: a running or failed job has no whole package.
 */
export async function uttrekkPakke(db: Kysely<DB>, actor: Actor, id: string): Promise<{ jobb: UttrekkJobbView; tar: Readable }> {
  const [jobb] = await visUttrekk(db, actor, id);
  if (jobb!.status !== 'FERDIG') throw new AppError('uttrekk_not_finished', `Uttrekket har status ${jobb!.status}: bare et ferdig uttrekk kan lastes ned`, { uttrekkStatus: jobb!.status });
  try {
    await access(jobb!.mappe);
  } catch {
    throw new AppError('uttrekk_not_finished', 'Pakken finnes ikke lenger i datamappen på serveren: bestill uttrekket på nytt', { uttrekkStatus: jobb!.status });
  }
  return { jobb: jobb!, tar: await tarAvMappe(jobb!.mappe, `arkivuttrekk-${jobb!.id}`) };
}

export async function visUttrekk(db: Kysely<DB>, actor: Actor, id?: string): Promise<UttrekkJobbView[]> {
  if (!erArkivansvarlig(actor)) throw forbidden('Bare arkivansvarlig ser arkivuttrekk');
  let q = db.selectFrom('uttrekkJobb').selectAll().orderBy('opprettetDato', 'desc').limit(100);
  if (id) q = q.where('systemId', '=', id);
  const rows = await q.execute();
  if (id && rows.length === 0) throw new AppError('not_found', 'Uttrekket finnes ikke');
  return rows.map(view);
}

/** A job the previous process was running when it stopped is marked as failed (it can be ordered again). */
export async function avbruttVedOppstart(db: Kysely<DB>): Promise<void> {
  await db.updateTable('uttrekkJobb').set({ status: 'FEILET', sistFeil: 'avbrutt: serveren ble stoppet under uttrekket', ferdigDato: new Date() }).where('status', 'in', ['VENTER', 'KJOERER']).execute();
}
