import { sql, type Kysely } from 'kysely';
import type { BlobStore } from '../blob/blob-store';
import type { DB } from '../db/schema';
import { appendHistorikk } from '../historikk/historikk.repository';
import type { EpostInnhold } from './utsending.repository';
import { type MailSender, SendError } from './mail-sender';

export interface OutboxOptions {
  readonly leaseMs: number;
  readonly maxAttempts: number;
  readonly batchSize?: number;
  readonly now?: () => Date;
}

/** Retry delays: 30 s, 2 min, 8 min, ... capped at 4 h. */
export const backoffMs = (attempt: number) => Math.min(30_000 * 4 ** Math.max(0, attempt - 1), 4 * 3600_000);

/**
 * Claims due outbox rows (SKIP LOCKED, so several workers never take the same row) and
 * commits the claim before any SMTP traffic: status SENDER, attempt counted, a lease.
 * A row whose lease has run out (its worker died mid-send) is due again.
 */
async function claim(db: Kysely<DB>, opts: OutboxOptions) {
  const now = opts.now?.() ?? new Date();
  const leaseUntil = new Date(now.getTime() + opts.leaseMs);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('utsending')
      .select('systemId')
      .where('kanal', '=', 'epost')
      .where((eb) => eb.or([eb.and([eb('status', '=', 'VENTER'), eb('nesteForsoek', '<=', now)]), eb.and([eb('status', '=', 'SENDER'), eb('laastTil', '<', now)])]))
      .orderBy('nesteForsoek')
      .limit(opts.batchSize ?? 10)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable('utsending')
      .set({ status: 'SENDER', laastTil: leaseUntil, forsoek: sql`forsoek + 1` })
      .where(
        'systemId',
        'in',
        due.map((d) => d.systemId),
      )
      .returningAll()
      .execute();
  });
}

type Claimed = Awaited<ReturnType<typeof claim>>[number];

/**
 * Records the outcome, conditional on still holding the claim (status SENDER with our lease):
 * a worker whose lease was taken over does not overwrite the new holder's result.
 */
async function finish(db: Kysely<DB>, row: Claimed, outcome: { ok: true; response: string } | { ok: false; error: string; permanent: boolean }, opts: OutboxOptions) {
  const now = opts.now?.() ?? new Date();
  await db.transaction().execute(async (trx) => {
    const jp = await trx.selectFrom('journalpost').select('sakId').where('systemId', '=', row.journalpostId).executeTakeFirstOrThrow();
    const gaveUp = !outcome.ok && (outcome.permanent || row.forsoek >= opts.maxAttempts);
    const res = await trx
      .updateTable('utsending')
      .set(
        outcome.ok
          ? { status: 'SENDT', sendtDato: now, smtpSvar: outcome.response.slice(0, 1000), laastTil: null, sistFeil: null }
          : gaveUp
            ? { status: 'FEILET', sistFeil: outcome.error.slice(0, 1000), laastTil: null }
            : { status: 'VENTER', sistFeil: outcome.error.slice(0, 1000), laastTil: null, nesteForsoek: new Date(now.getTime() + backoffMs(row.forsoek)) },
      )
      .where('systemId', '=', row.systemId)
      .where('status', '=', 'SENDER')
      .where('laastTil', '=', row.laastTil)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) return;
    if (outcome.ok || gaveUp) {
      await appendHistorikk(trx, null, {
        handling: outcome.ok ? 'utsending_levert' : 'utsending_feilet',
        objekttype: 'utsending',
        objektId: row.systemId,
        sakId: jp.sakId,
        journalpostId: row.journalpostId,
        data: outcome.ok
          ? { mottaker: row.mottakerNavn, epost: row.mottakerEpost, messageId: row.messageId, forsoek: row.forsoek, svar: outcome.response.slice(0, 200) }
          : { mottaker: row.mottakerNavn, epost: row.mottakerEpost, messageId: row.messageId, forsoek: row.forsoek, feil: outcome.error.slice(0, 500) },
      });
    }
  });
}

/**
 * Renews the lease of one claimed row just before it is sent (the batch was claimed at once,
 * so later rows would otherwise have less time). False when another worker took it over.
 */
async function renew(db: Kysely<DB>, row: Claimed, opts: OutboxOptions): Promise<Claimed | null> {
  const now = opts.now?.() ?? new Date();
  const laastTil = new Date(now.getTime() + opts.leaseMs);
  const res = await db
    .updateTable('utsending')
    .set({ laastTil })
    .where('systemId', '=', row.systemId)
    .where('status', '=', 'SENDER')
    .where('laastTil', '=', row.laastTil)
    .executeTakeFirst();
  return res.numUpdatedRows === 0n ? null : { ...row, laastTil };
}

/** Sends what is due once; returns how many rows it handled. */
export async function processOutbox(db: Kysely<DB>, blobs: BlobStore, sender: MailSender, opts: OutboxOptions): Promise<number> {
  const rows = await claim(db, opts);
  for (const claimed of rows) {
    const row = await renew(db, claimed, opts);
    if (!row) continue;
    const innhold = row.innhold as unknown as EpostInnhold;
    try {
      const attachments = [];
      for (const v of innhold.vedlegg) attachments.push({ filename: v.filnavn, contentType: v.format, content: (await blobs.open(v.sha256)).stream });
      const { response } = await sender.send({ messageId: row.messageId!, from: innhold.fra, to: innhold.til, subject: innhold.emne, text: innhold.tekst, ...(innhold.html ? { html: innhold.html } : {}), attachments });
      await finish(db, row, { ok: true, response }, opts);
    } catch (err) {
      await finish(db, row, { ok: false, error: (err as Error).message, permanent: err instanceof SendError && err.permanent }, opts);
    }
  }
  return rows.length;
}

/** Drains the outbox until nothing is due (tests, and a kick after an expedition commits). */
export async function drainOutbox(db: Kysely<DB>, blobs: BlobStore, sender: MailSender, opts: OutboxOptions): Promise<void> {
  while ((await processOutbox(db, blobs, sender, opts)) > 0) {
    /* until empty */
  }
}

export interface OutboxWorker {
  kick(): void;
  stop(): Promise<void>;
}

/** The job loop: polls every pollMs, and at once when kicked after a commit. */
export function startOutboxWorker(db: Kysely<DB>, blobs: BlobStore, sender: MailSender, opts: OutboxOptions & { pollMs: number; onError?: (err: unknown) => void }): OutboxWorker {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drainOutbox(db, blobs, sender, opts)
      .catch((err) => opts.onError?.(err))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
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
      sender.close();
    },
  };
}
