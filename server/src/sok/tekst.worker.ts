import { sql, type Kysely } from 'kysely';
import type { BlobStore } from '../blob/blob-store';
import type { DB } from '../db/schema';
import { trekkUtTekst } from './tekstuttrekk';

/**
 * The job that makes document text searchable. Every new document version enters
 * `dokument_tekst` as VENTER (a trigger, so uploads, mail import, letters and the seed all
 * count); the job claims due rows with SKIP LOCKED (several service processes may run it),
 * reads the file from the blob store, extracts its text and stores it with its tsvector.
 * Nothing of this runs in the upload's request.
 */
export interface TekstjobbOptions {
  readonly leaseMs: number;
  readonly maxAttempts: number;
  readonly batchSize?: number;
  readonly now?: () => Date;
}

/** Larger files are left unsearched by content (still found by their registration). */
const MAKS_FILSTOERRELSE = 50 * 1024 * 1024;
/** The text kept and indexed per version: a tsvector holds at most 1 MB. */
const MAKS_TEGN = 300_000;

async function claim(db: Kysely<DB>, opts: TekstjobbOptions) {
  const now = opts.now?.() ?? new Date();
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('dokumentTekst')
      .select('dokumentversjonId')
      .where((eb) => eb.or([eb.and([eb('status', '=', 'VENTER'), eb('nesteForsoek', '<=', now)]), eb.and([eb('status', '=', 'LESER'), eb('laastTil', '<', now)])]))
      .orderBy('nesteForsoek')
      .limit(opts.batchSize ?? 5)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable('dokumentTekst as t')
      .from('dokumentversjon as v')
      .set({ status: 'LESER', laastTil: new Date(now.getTime() + opts.leaseMs), forsoek: sql`t.forsoek + 1` })
      .whereRef('v.systemId', '=', 't.dokumentversjonId')
      .where(
        't.dokumentversjonId',
        'in',
        due.map((d) => d.dokumentversjonId),
      )
      .returning(['t.dokumentversjonId', 't.forsoek', 't.laastTil', 'v.sjekksum', 'v.format', 'v.filnavn', 'v.filstoerrelse'])
      .execute();
  });
}

type Claimed = Awaited<ReturnType<typeof claim>>[number];

async function lesFil(blobs: BlobStore, sha256: string): Promise<Uint8Array> {
  const { stream } = await blobs.open(sha256);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

async function lesOgLagre(db: Kysely<DB>, blobs: BlobStore, row: Claimed, opts: TekstjobbOptions) {
  const now = opts.now?.() ?? new Date();
  const update = () => db.updateTable('dokumentTekst');
  // Only while the claim is still ours: a worker whose lease ran out does not overwrite the next one.
  const hold = (q: ReturnType<typeof update>) => q.where('dokumentversjonId', '=', row.dokumentversjonId).where('status', '=', 'LESER').where('laastTil', '=', row.laastTil);
  try {
    const tekst = Number(row.filstoerrelse) > MAKS_FILSTOERRELSE ? null : await trekkUtTekst(await lesFil(blobs, row.sjekksum), row.format, row.filnavn);
    // Control characters and NUL never belong in text (PostgreSQL refuses NUL in text).
    const ren = tekst === null ? null : tekst.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]+/g, ' ').slice(0, MAKS_TEGN);
    await hold(update().set({ status: 'FERDIG', tekst: ren, sok: sql`to_tsvector('norwegian', coalesce(${ren}::text, ''))`, laastTil: null, feil: null, oppdatertDato: now })).execute();
  } catch (err) {
    const gaveUp = row.forsoek >= opts.maxAttempts;
    await hold(
      update().set({
        status: gaveUp ? 'FEILET' : 'VENTER',
        feil: String((err as Error).message ?? err).slice(0, 1000),
        laastTil: null,
        nesteForsoek: new Date(now.getTime() + 60_000 * 4 ** Math.max(0, row.forsoek - 1)),
        oppdatertDato: now,
      }),
    ).execute();
  }
}

/** Reads what is due once; returns how many versions it handled. */
export async function processTekstjobb(db: Kysely<DB>, blobs: BlobStore, opts: TekstjobbOptions): Promise<number> {
  const rows = await claim(db, opts);
  for (const row of rows) await lesOgLagre(db, blobs, row, opts);
  return rows.length;
}

/** Reads until nothing is due (tests, the seed). */
export async function drainTekstjobb(db: Kysely<DB>, blobs: BlobStore, opts: TekstjobbOptions = { leaseMs: 120_000, maxAttempts: 3 }): Promise<void> {
  while ((await processTekstjobb(db, blobs, opts)) > 0) {
    /* until empty */
  }
}

export interface Tekstjobb {
  stop(): Promise<void>;
}

/** The job loop in the service process: polls every pollMs. */
export function startTekstjobb(db: Kysely<DB>, blobs: BlobStore, opts: TekstjobbOptions & { pollMs: number; onError?: (err: unknown) => void }): Tekstjobb {
  let stopped = false;
  let running: Promise<void> | null = null;
  const run = () => {
    if (stopped || running) return;
    running = drainTekstjobb(db, blobs, opts)
      .catch((err) => opts.onError?.(err))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, opts.pollMs);
  timer.unref();
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
