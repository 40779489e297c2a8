import http from 'node:http';

/** A keep-alive HTTP client for the benchmark: the request's wall time as the client sees it. */
export function httpKlient(port: number, token: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const send = (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; ms: number; body: string }>((resolve, reject) => {
      const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const started = process.hrtime.bigint();
      const req = http.request(
        { host: '127.0.0.1', port, method, path, agent, headers: { authorization: `Bearer ${token}`, ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6, body: text }));
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  return {
    get: (path: string) => send('GET', path),
    post: (path: string, body: unknown) => send('POST', path, body),
    close: () => agent.destroy(),
  };
}
export type HttpKlient = ReturnType<typeof httpKlient>;

/** GET until `n` samples, after `oppvarming` unmeasured ones; refuses a non-200 answer. */
export async function mål(klient: HttpKlient, path: string, n: number, oppvarming = 3): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n + oppvarming; i++) {
    const r = await klient.get(path);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.body.slice(0, 300)}`);
    if (i >= oppvarming) ms.push(r.ms);
  }
  return ms;
}
