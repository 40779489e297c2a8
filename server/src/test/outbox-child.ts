import { FsBlobStore } from '../blob/fs-blob-store';
import { openDatabase } from '../db/database';
import { smtpSender } from '../utsending/mail-sender';
import { drainOutbox } from '../utsending/outbox.worker';

/**
 * The sending half of the server as its own process, for the crash test: drains the outbox
 * once against the database and SMTP server named in the environment, then exits.
 */
async function main() {
  const database = await openDatabase({ kind: 'postgres', url: process.env.CHILD_DATABASE_URL!, poolSize: 2 });
  const blobs = new FsBlobStore(process.env.CHILD_BLOB_DIR!);
  const sender = smtpSender(process.env.CHILD_SMTP_URL!);
  await drainOutbox(database.db, blobs, sender, { leaseMs: Number(process.env.CHILD_LEASE_MS), maxAttempts: 5 });
  sender.close();
  await database.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
