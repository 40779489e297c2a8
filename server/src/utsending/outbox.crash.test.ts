import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { Readable } from 'node:stream';
import { addDokument } from '../dokument/dokument.service';
import { createTestContext, type TestContext } from '../test/context';
import { buildJournalpost, buildSak, buildWorld } from '../test/factories';
import { startTestSmtp } from '../test/smtp';
import { ekspeder } from './ekspeder.service';

/**
 * §10.7 "a crash never sends a letter twice and never loses one": a separate sender process
 * is killed (SIGKILL) after the outbox commit, while the SMTP server holds its answer to the
 * first message; a restarted process delivers every letter, each exactly once. A third run
 * sends nothing: delivery is recorded, the sender is idempotent. The test SMTP server does
 * not dedupe by Message-ID.
 */
describe('outbox crash between commit and SMTP answer', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ MAIL_FROM: 'Fjordvik kommune <postmottak@fjordvik.kommune.example>' });
  });
  afterAll(() => ctx.close());

  const LEASE_MS = 300;
  const runner = path.resolve(__dirname, '../test/run-ts.cjs');
  const child = path.resolve(__dirname, '../test/outbox-child.ts');
  const startChild = (smtpUrl: string): ChildProcess =>
    spawn(process.execPath, [runner, child], {
      env: { ...process.env, CHILD_DATABASE_URL: ctx.database.connectionString, CHILD_BLOB_DIR: path.join(ctx.dataDir, 'blobs'), CHILD_SMTP_URL: smtpUrl, CHILD_LEASE_MS: String(LEASE_MS) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  const exitOf = async (p: ChildProcess) => (p.exitCode !== null || p.signalCode !== null ? [p.exitCode, p.signalCode] : once(p, 'exit'));

  it('delivers each of three letters exactly once across a SIGKILL and a restart', async () => {
    const world = await buildWorld(ctx.db);
    const sakId = await buildSak(ctx.db, world.sbh);
    const jpId = await buildJournalpost(ctx.db, world.sbh, sakId, {
      tittel: 'Vedtak om tilskudd',
      korrespondanseparter: [
        { korrespondanseparttype: 'EM', navn: 'Fjordvik IL', epostadresse: 'post@fjordvikil.example' },
        { korrespondanseparttype: 'EM', navn: 'Sjøfronten Velforening', epostadresse: 'styret@sjofronten.example' },
        { korrespondanseparttype: 'EK', navn: 'Lise Leder', epostadresse: 'lise.leder@fjordvik.kommune.example' },
      ],
    });
    const staged = await ctx.blobs.stage(Readable.from([Buffer.from('Dere får tilskudd på 10 000 kroner.')]));
    await addDokument(ctx.db, ctx.blobs, world.sbh, jpId, { tittel: 'Vedtak om tilskudd' }, { staged, filnavn: 'vedtak.txt', mimeType: 'text/plain' });
    await ekspeder(ctx.db, ctx.blobs, ctx.config.mail, world.sbh, jpId, { hoveddokumentSom: 'tekst' });
    const outbox = () => ctx.db.selectFrom('utsending').select(['messageId', 'status', 'forsoek']).where('journalpostId', '=', jpId).orderBy('messageId').execute();
    expect((await outbox()).map((r) => r.status)).toEqual(['VENTER', 'VENTER', 'VENTER']);

    const smtp = await startTestSmtp({ holdFirst: true });
    try {
      // 1. The sender claims and starts sending; the server holds its answer; the sender is killed.
      const first = startChild(smtp.url);
      const session = await smtp.held;
      first.kill('SIGKILL');
      await exitOf(first);
      await smtp.waitClosed(session);
      smtp.release();
      expect(smtp.accepted).toHaveLength(0);
      const afterCrash = await outbox();
      // The worker claims a batch: all three were committed as SENDER (attempt 1) before SMTP.
      expect(afterCrash.map((r) => [r.status, r.forsoek])).toEqual([['SENDER', 1], ['SENDER', 1], ['SENDER', 1]]);

      // 2. Restart after the lease has run out (a condition, not a timed assertion): everything goes once.
      await ctx.db.updateTable('utsending').set({ laastTil: new Date(Date.now() - 1) }).where('journalpostId', '=', jpId).where('status', '=', 'SENDER').execute();
      const second = startChild(smtp.url);
      expect(await exitOf(second)).toEqual([0, null]);
      await smtp.waitForAccepted(3);

      // 3. A third run finds nothing to do.
      const third = startChild(smtp.url);
      expect(await exitOf(third)).toEqual([0, null]);

      const ids = smtp.accepted.map((m) => m.parsed.messageId).sort();
      const rows = await outbox();
      expect(ids).toEqual(rows.map((r) => `<${r.messageId}>`));
      expect(new Set(ids).size).toBe(3);
      expect(smtp.accepted.map((m) => m.rcptTo).flat().sort()).toEqual(['lise.leder@fjordvik.kommune.example', 'post@fjordvikil.example', 'styret@sjofronten.example']);
      expect(rows.map((r) => r.status)).toEqual(['SENDT', 'SENDT', 'SENDT']);
      // Each needed a second attempt after the crash, and got exactly one more.
      expect(rows.map((r) => r.forsoek)).toEqual([2, 2, 2]);
      const levert = await ctx.db.selectFrom('historikk').select('handling').where('journalpostId', '=', jpId).where('handling', '=', 'utsending_levert').execute();
      expect(levert).toHaveLength(3);
    } finally {
      await smtp.close();
    }
  });
});
