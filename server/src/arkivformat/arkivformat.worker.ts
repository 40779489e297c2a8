import { Readable } from 'node:stream';
import { type Kysely, sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { BlobStore } from '../blob/blob-store';
import { AppError } from '../errors/app-error';
import type { DB } from '../db/schema';
import { appendHistorikk } from '../historikk/historikk.repository';
import { PDF_FORMAT_DETALJER } from '../mail/body-pdf';
import { type Konverterer, KonverteringsFeil } from './konverterer';

export interface ArkivformatOptions {
  readonly leaseMs: number;
  readonly maxAttempts: number;
  readonly batchSize?: number;
  readonly now?: () => Date;
  /** Only these documents' jobs (the demo seed converts one at start). */
  readonly dokumentIder?: readonly string[];
}

/** Retry delays: 1 min, 4 min, 16 min, ... capped at 6 h. */
export const arkivformatBackoffMs = (attempt: number) => Math.min(60_000 * 4 ** Math.max(0, attempt - 1), 6 * 3600_000);
/** While the converter is missing, an office document waits this long before it is looked at again. */
const UTILGJENGELIG_MS = 15 * 60_000;

/**
 * Puts every journalført (J) or arkivert (A) document whose newest production version has no
 * archive variant, and no conversion job yet, in the queue. The queue is found from the records
 * themselves, so no path that journalfører has to remember to enqueue. An imported (read-only)
 * arkivdel is delivered as it came.
 */
export async function planleggArkivformat(db: Kysely<DB>): Promise<number> {
  const res = await sql`
    insert into arkivformat (dokumentbeskrivelse_id, versjonsnummer)
    select v.dokumentbeskrivelse_id, max(v.versjonsnummer)
      from dokumentversjon v
      join dokumentbeskrivelse d on d.system_id = v.dokumentbeskrivelse_id
      join journalpost j on j.system_id = d.journalpost_id
      join sak s on s.system_id = j.sak_id
      join arkivdel a on a.system_id = s.arkivdel_id
     where j.journalstatus in ('J', 'A') and v.variantformat = 'P' and not a.skrivebeskyttet
     group by v.dokumentbeskrivelse_id
    having not exists (select 1 from dokumentversjon a where a.dokumentbeskrivelse_id = v.dokumentbeskrivelse_id and a.versjonsnummer = max(v.versjonsnummer) and a.variantformat = 'A')
    on conflict do nothing`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

async function claim(db: Kysely<DB>, opts: ArkivformatOptions) {
  const now = opts.now?.() ?? new Date();
  return db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom('arkivformat')
      .select(['dokumentbeskrivelseId', 'versjonsnummer'])
      .where((eb) => eb.or([eb.and([eb('status', '=', 'VENTER'), eb('nesteForsoek', '<=', now)]), eb.and([eb('status', '=', 'KONVERTERER'), eb('laastTil', '<', now)])]));
    if (opts.dokumentIder) q = q.where('dokumentbeskrivelseId', 'in', opts.dokumentIder.length ? opts.dokumentIder : ['00000000-0000-0000-0000-000000000000']);
    const due = await q
      .orderBy('nesteForsoek')
      .limit(opts.batchSize ?? 5)
      .forUpdate()
      .skipLocked()
      .execute();
    const out = [];
    for (const d of due) {
      out.push(
        await trx
          .updateTable('arkivformat')
          .set({ status: 'KONVERTERER', laastTil: new Date(now.getTime() + opts.leaseMs), forsoek: sql`forsoek + 1` })
          .where('dokumentbeskrivelseId', '=', d.dokumentbeskrivelseId)
          .where('versjonsnummer', '=', d.versjonsnummer)
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
    }
    return out;
  });
}

type Claimed = Awaited<ReturnType<typeof claim>>[number];
type Outcome = { ok: true; pdf: Uint8Array } | { ok: false; error: string; permanent: boolean; utilgjengelig: boolean };

async function convertOne(db: Kysely<DB>, blobs: BlobStore, konverterer: Konverterer, row: Claimed): Promise<Outcome> {
  const p = await db
    .selectFrom('dokumentversjon as v')
    .innerJoin('dokumentbeskrivelse as d', 'd.systemId', 'v.dokumentbeskrivelseId')
    .select(['v.sjekksum', 'v.filnavn', 'v.format', 'd.tittel'])
    .where('v.dokumentbeskrivelseId', '=', row.dokumentbeskrivelseId)
    .where('v.versjonsnummer', '=', row.versjonsnummer)
    .where('v.variantformat', '=', 'P')
    .executeTakeFirst();
  if (!p) return { ok: false, error: 'produksjonsformatet (P) finnes ikke', permanent: true, utilgjengelig: false };
  try {
    const { stream } = await blobs.open(p.sjekksum);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return { ok: true, pdf: await konverterer.tilPdfA(Buffer.concat(chunks), p.filnavn, p.format, p.tittel) };
  } catch (err) {
    const permanent = err instanceof KonverteringsFeil && err.permanent;
    return { ok: false, error: (err as Error).message, permanent, utilgjengelig: !konverterer.soffice && err instanceof KonverteringsFeil && !err.permanent && /LibreOffice er ikke installert/.test(err.message) };
  }
}

/** Records the outcome while still holding the claim; the A variant and its historikk in one transaction. */
async function finish(db: Kysely<DB>, blobs: BlobStore, row: Claimed, outcome: Outcome, opts: ArkivformatOptions): Promise<void> {
  const now = opts.now?.() ?? new Date();
  const staged = outcome.ok ? await blobs.stage(Readable.from([Buffer.from(outcome.pdf)])) : null;
  let created = false;
  try {
    await db.transaction().execute(async (trx) => {
      const gaveUp = !outcome.ok && !outcome.utilgjengelig && (outcome.permanent || row.forsoek >= opts.maxAttempts);
      const set = outcome.ok
        ? { status: 'KONVERTERT' as const, laastTil: null, sistFeil: null, ferdigDato: now }
        : outcome.utilgjengelig
          ? { status: 'VENTER' as const, laastTil: null, sistFeil: outcome.error, forsoek: sql<number>`forsoek - 1`, nesteForsoek: new Date(now.getTime() + UTILGJENGELIG_MS) }
          : gaveUp
            ? { status: 'FEILET' as const, laastTil: null, sistFeil: outcome.error.slice(0, 1000), ferdigDato: now }
            : { status: 'VENTER' as const, laastTil: null, sistFeil: outcome.error.slice(0, 1000), nesteForsoek: new Date(now.getTime() + arkivformatBackoffMs(row.forsoek)) };
      // Only while still holding the claim (a worker whose lease was taken over writes nothing).
      const res = await trx
        .updateTable('arkivformat')
        .set(set)
        .where('dokumentbeskrivelseId', '=', row.dokumentbeskrivelseId)
        .where('versjonsnummer', '=', row.versjonsnummer)
        .where('status', '=', 'KONVERTERER')
        .where('laastTil', '=', row.laastTil)
        .executeTakeFirst();
      if (res.numUpdatedRows === 0n || (!outcome.ok && !gaveUp)) return;
      const meta = await trx
        .selectFrom('dokumentversjon as v')
        .innerJoin('dokumentbeskrivelse as d', 'd.systemId', 'v.dokumentbeskrivelseId')
        .innerJoin('journalpost as j', 'j.systemId', 'd.journalpostId')
        .select(['v.filnavn', 'v.opprettetAvId', 'j.systemId as journalpostId', 'j.sakId'])
        .where('v.dokumentbeskrivelseId', '=', row.dokumentbeskrivelseId)
        .where('v.versjonsnummer', '=', row.versjonsnummer)
        .where('v.variantformat', '=', 'P')
        .executeTakeFirstOrThrow();
      let versjonId: string | undefined;
      if (outcome.ok && staged) {
        const v = await trx
          .insertInto('dokumentversjon')
          .values({
            dokumentbeskrivelseId: row.dokumentbeskrivelseId,
            versjonsnummer: row.versjonsnummer,
            variantformat: 'A',
            format: 'application/pdf',
            formatDetaljer: PDF_FORMAT_DETALJER,
            filnavn: `${meta.filnavn.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.pdf`,
            sjekksum: staged.sha256,
            filstoerrelse: staged.size,
            // The archive variant is the uploader's document in another format.
            opprettetAvId: meta.opprettetAvId,
          })
          .returning('systemId')
          .executeTakeFirstOrThrow();
        versjonId = v.systemId;
      }
      await appendHistorikk(trx, null, {
        handling: outcome.ok ? 'arkivformat_konvertert' : 'arkivformat_feilet',
        objekttype: outcome.ok ? 'dokumentversjon' : 'dokumentbeskrivelse',
        objektId: versjonId ?? row.dokumentbeskrivelseId,
        sakId: meta.sakId,
        journalpostId: meta.journalpostId,
        data: outcome.ok ? { versjonsnummer: row.versjonsnummer, variantformat: 'A', forsoek: row.forsoek } : { versjonsnummer: row.versjonsnummer, forsoek: row.forsoek, feil: outcome.error.slice(0, 500) },
      });
      if (staged) created = (await staged.commit()).created;
    });
  } catch (err) {
    await staged?.discard();
    if (created && staged && !(await db.selectFrom('dokumentversjon').select('systemId').where('sjekksum', '=', staged.sha256).executeTakeFirst())) await blobs.delete(staged.sha256);
    throw err;
  } finally {
    await staged?.discard();
  }
}

/** Converts what is due once; returns how many jobs it handled. */
export async function processArkivformat(db: Kysely<DB>, blobs: BlobStore, konverterer: Konverterer, opts: ArkivformatOptions): Promise<number> {
  await planleggArkivformat(db);
  const rows = await claim(db, opts);
  for (const row of rows) await finish(db, blobs, row, await convertOne(db, blobs, konverterer, row), opts);
  return rows.length;
}

/** Converts until nothing is due (tests, the export's preflight). */
export async function drainArkivformat(db: Kysely<DB>, blobs: BlobStore, konverterer: Konverterer, opts: ArkivformatOptions): Promise<void> {
  while ((await processArkivformat(db, blobs, konverterer, opts)) > 0) {
    /* until empty */
  }
}

export interface ArkivformatWorker {
  kick(): void;
  stop(): Promise<void>;
}

/** The job loop in the server process: polls every pollMs; several processes may run it (SKIP LOCKED). */
export function startArkivformatWorker(db: Kysely<DB>, blobs: BlobStore, konverterer: Konverterer, opts: ArkivformatOptions & { pollMs: number; onError?: (err: unknown) => void }): ArkivformatWorker {
  let stopped = false;
  let running: Promise<void> | null = null;
  const run = () => {
    if (stopped || running) return;
    running = drainArkivformat(db, blobs, konverterer, opts)
      .catch((err) => opts.onError?.(err))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, opts.pollMs);
  timer.unref();
  run();
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * The archive asks for a failed conversion to be tried again (after installing a converter, or
 * replacing a damaged file): the job waits again from now with its attempts counted afresh,
 * in one transaction with the historikk. Only a FEILET job can be retried.
 */
export async function nyttForsoek(db: Kysely<DB>, actor: Actor, dokumentId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const jobb = await trx
      .selectFrom('arkivformat as a')
      .innerJoin('dokumentbeskrivelse as d', 'd.systemId', 'a.dokumentbeskrivelseId')
      .innerJoin('journalpost as j', 'j.systemId', 'd.journalpostId')
      .select(['a.versjonsnummer', 'a.status', 'a.forsoek', 'a.sistFeil', 'j.systemId as journalpostId', 'j.sakId'])
      .where('a.dokumentbeskrivelseId', '=', dokumentId)
      .orderBy('a.versjonsnummer', 'desc')
      .forUpdate('a')
      .executeTakeFirst();
    if (!jobb || jobb.status !== 'FEILET') {
      throw new AppError('arkivformat_not_failed', jobb ? `Arkivformatet har status ${jobb.status}: bare et feilet arkivformat kan prøves på nytt` : 'Dokumentet har ingen konvertering til arkivformat', { arkivformatStatus: jobb?.status ?? null });
    }
    await trx
      .updateTable('arkivformat')
      .set({ status: 'VENTER', forsoek: 0, nesteForsoek: new Date(), laastTil: null, ferdigDato: null })
      .where('dokumentbeskrivelseId', '=', dokumentId)
      .where('versjonsnummer', '=', jobb.versjonsnummer)
      .execute();
    await appendHistorikk(trx, actor, {
      handling: 'arkivformat_nytt_forsoek',
      objekttype: 'dokumentbeskrivelse',
      objektId: dokumentId,
      sakId: jobb.sakId,
      journalpostId: jobb.journalpostId,
      data: { versjonsnummer: jobb.versjonsnummer, forsoek: jobb.forsoek, feil: jobb.sistFeil?.slice(0, 500) ?? null },
    });
  });
}
