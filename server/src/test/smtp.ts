import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  readonly rcptTo: string[];
  readonly mailFrom: string;
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
}

export interface TestSmtp {
  readonly port: number;
  readonly url: string;
  /** Messages the server accepted (answered 250 to a client that was still there). */
  readonly accepted: Received[];
  /** Resolves with the session id when a held message's data has arrived (answer not yet sent). */
  readonly held: Promise<string>;
  release(): void;
  waitClosed(sessionId: string): Promise<void>;
  waitForAccepted(n: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (smtp-server). It behaves like an MTA: a message counts as
 * accepted only when the server answers 250 to the end of DATA on a connection that is still
 * open (RFC 5321 §6.1: responsibility passes with the 250). It does NOT dedupe by Message-ID.
 *
 * `holdFirst`: the first message's answer is held until release(), so a test can kill the
 * sender between its outbox commit and the SMTP answer.
 * `reject(n)`: answer the n-th DATA (1-based) with an error code instead.
 */
export async function startTestSmtp(opts: { holdFirst?: boolean; reject?: (n: number) => { code: number; message: string } | null } = {}): Promise<TestSmtp> {
  const accepted: Received[] = [];
  const closed = new Set<string>();
  const closeWaiters = new Map<string, () => void>();
  const acceptWaiters: { n: number; resolve: () => void }[] = [];
  let hold = opts.holdFirst ?? false;
  let heldResolve!: (id: string) => void;
  const held = new Promise<string>((r) => (heldResolve = r));
  let releaseResolve!: () => void;
  const released = new Promise<void>((r) => (releaseResolve = r));
  let dataCount = 0;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const n = ++dataCount;
        if (hold) {
          hold = false;
          heldResolve(session.id);
          await released;
        }
        const refusal = opts.reject?.(n);
        if (refusal) {
          const err = new Error(refusal.message) as Error & { responseCode: number };
          err.responseCode = refusal.code;
          return callback(err);
        }
        if (closed.has(session.id)) return callback(new Error('client disconnected before the answer'));
        const raw = Buffer.concat(chunks);
        accepted.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', raw, parsed: await simpleParser(raw) });
        for (const w of acceptWaiters.filter((x) => accepted.length >= x.n)) w.resolve();
        callback(null);
      });
    },
    onClose(session) {
      closed.add(session.id);
      closeWaiters.get(session.id)?.();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    held,
    release: () => releaseResolve(),
    waitClosed: (id) => (closed.has(id) ? Promise.resolve() : new Promise<void>((r) => closeWaiters.set(id, r))),
    waitForAccepted: (n) => (accepted.length >= n ? Promise.resolve() : new Promise<void>((resolve) => acceptWaiters.push({ n, resolve }))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
