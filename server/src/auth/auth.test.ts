import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { buildApp } from '../app';
import { FsBlobStore } from '../blob/fs-blob-store';
import { ConfigError, loadConfig } from '../config';
import type { TestContext } from '../test/context';

import { expectProblem } from '../test/http';
import { createTokenVerifier } from './token-verifier';
import { openWorld, type World } from '../test/world';

type SigningKey = Parameters<SignJWT['sign']>[0];

/** Bearer JWTs validated with jose: signature via JWKS, issuer, audience, expiry. */
describe('authentication', () => {
  let ctx: TestContext;
  let world: World;
  beforeAll(async () => ({ ctx, w: world } = await openWorld()));
  afterAll(() => ctx.close());

  const meg = (authorization?: string) => ctx.app.inject({ method: 'GET', url: '/api/meg', headers: authorization ? { authorization } : {} });

  /** A well-formed token with the dev key's kid, issuer and audience, signed by `key`. */
  const signedWith = (key: SigningKey) =>
    new SignJWT({ preferred_username: world.sbh.bruker.brukernavn })
      .setProtectedHeader({ alg: 'ES256', kid: ctx.devSigner.jwks.keys[0]!.kid as string })
      .setSubject('s')
      .setIssuer(ctx.config.auth.issuer)
      .setAudience(ctx.config.auth.audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);

  it('accepts a token from the dev signer and names the user', async () => {
    const res = await meg((await ctx.auth(world.sbh.bruker.brukernavn)).authorization);
    expect(res.statusCode).toBe(200);
    expect(res.json().bruker.brukernavn).toBe(world.sbh.bruker.brukernavn);
  });

  it('no token is 401 unauthorized', async () => {
    expectProblem(await meg(), 401, 'unauthorized');
    expectProblem(await meg('Basic b2xhOm9sYQ=='), 401, 'unauthorized');
  });

  it('a token with a wrong signature is 401 (same kid, another key)', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const body = expectProblem(await meg(`Bearer ${await signedWith(privateKey)}`), 401, 'token_invalid');
    expect(body.detail).toMatch(/signatur/);
  });

  it('a tampered payload is 401', async () => {
    const good = (await ctx.auth(world.sbh.bruker.brukernavn)).authorization.slice(7);
    const [h, p, s] = good.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    claims.preferred_username = world.ark.bruker.brukernavn;
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    expectProblem(await meg(`Bearer ${forged}`), 401, 'token_invalid');
  });

  it('a token for another audience or issuer is 401', async () => {
    const signer = await ctx.devSigner.sign({ sub: 'x', preferred_username: world.sbh.bruker.brukernavn, name: 'x' });
    expect((await meg(`Bearer ${signer}`)).statusCode).toBe(200);
    // The same dev-signed token, checked by servers that expect another audience / issuer.
    const verify = createTokenVerifier({ ...ctx.config.auth, audience: 'api://noe-annet' }, ctx.devSigner.jwks);
    await expect(verify(signer)).rejects.toMatchObject({ code: 'token_invalid', detail: 'Tokenet har feil aud' });
    const verifyIss = createTokenVerifier({ ...ctx.config.auth, issuer: 'https://login.example/annen' }, ctx.devSigner.jwks);
    await expect(verifyIss(signer)).rejects.toMatchObject({ code: 'token_invalid', detail: 'Tokenet har feil iss' });
  });

  it('an expired token is 401', async () => {
    const expired = await ctx.devSigner.sign({ sub: 'x', preferred_username: world.sbh.bruker.brukernavn, name: 'x' }, -120);
    const body = expectProblem(await meg(`Bearer ${expired}`), 401, 'token_invalid');
    expect(body.detail).toBe('Tokenet er utløpt');
  });

  it('a valid token for a user the archive does not know is 401 unknown_user', async () => {
    const t = await ctx.devSigner.sign({ sub: 'x', preferred_username: 'ukjent.person', name: 'Ukjent' });
    expectProblem(await meg(`Bearer ${t}`), 401, 'unknown_user');
  });

  it('public routes need no token', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/kodelister' })).statusCode).toBe(200);
  });

  describe('production (Entra ID) mode: a remote JWKS, no dev login', () => {
    let jwksServer: Server;
    let privateKey: SigningKey;
    let app: Awaited<ReturnType<typeof buildApp>>;
    const issuer = 'https://login.microsoftonline.com/tenant/v2.0';
    const audience = 'api://arkiv-prod';

    beforeAll(async () => {
      const pair = await generateKeyPair('ES256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'entra-1', alg: 'ES256', use: 'sig' };
      jwksServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
      await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
      const { port } = jwksServer.address() as AddressInfo;
      const config = loadConfig({ ARKIV_AUTH_MODE: 'entra', AUTH_ISSUER: issuer, AUTH_AUDIENCE: audience, AUTH_JWKS_URL: `http://127.0.0.1:${port}/keys`, ARKIV_DATA_DIR: ctx.dataDir });
      app = await buildApp({ config, database: ctx.database, db: ctx.db, blobs: new FsBlobStore(path.join(ctx.dataDir, 'blobs')), verify: createTokenVerifier(config.auth) }, { logger: false });
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
      await new Promise((r) => jwksServer.close(r));
    });

    const sign = (aud: string, exp: string | number = '1h') =>
      new SignJWT({ preferred_username: world.leder.bruker.brukernavn }).setProtectedHeader({ alg: 'ES256', kid: 'entra-1' }).setIssuer(issuer).setAudience(aud).setIssuedAt().setExpirationTime(exp).sign(privateKey);

    it('accepts a token signed by the identity provider', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/meg', headers: { authorization: `Bearer ${await sign(audience)}` } });
      expect(res.statusCode).toBe(200);
      expect(res.json().bruker.brukernavn).toBe(world.leder.bruker.brukernavn);
    });

    it('refuses a wrong audience, an expired token and a dev-signed token', async () => {
      expectProblem(await app.inject({ method: 'GET', url: '/api/meg', headers: { authorization: `Bearer ${await sign('api://annen')}` } }), 401, 'token_invalid');
      expectProblem(await app.inject({ method: 'GET', url: '/api/meg', headers: { authorization: `Bearer ${await sign(audience, Math.floor(Date.now() / 1000) - 600)}` } }), 401, 'token_invalid');
      const dev = (await ctx.auth(world.sbh.bruker.brukernavn)).authorization;
      expectProblem(await app.inject({ method: 'GET', url: '/api/meg', headers: { authorization: dev } }), 401, 'token_invalid');
    });

    /** A token from the identity provider with exactly these claims (no defaults added). */
    const raw = (claims: Record<string, unknown>) => new SignJWT({ iss: issuer, aud: audience, ...claims }).setProtectedHeader({ alg: 'ES256', kid: 'entra-1' }).sign(privateKey);
    const meg = async (claims: Record<string, unknown>) => app.inject({ method: 'GET', url: '/api/meg', headers: { authorization: `Bearer ${await raw(claims)}` } });
    const now = () => Math.floor(Date.now() / 1000);

    it('refuses a token without exp: a token that never expires is not accepted', async () => {
      const body = expectProblem(await meg({ preferred_username: world.leder.bruker.brukernavn, iat: now() }), 401, 'token_invalid');
      expect(body.detail).toBe('Tokenet mangler exp');
    });

    it('refuses a token issued in the future (iat or nbf past the 60 s clock skew), accepts one within it', async () => {
      const user = world.leder.bruker.brukernavn;
      const future = expectProblem(await meg({ preferred_username: user, iat: now() + 300, exp: now() + 3600 }), 401, 'token_invalid');
      expect(future.detail).toBe('Tokenet er utstedt fram i tid');
      expectProblem(await meg({ preferred_username: user, nbf: now() + 300, exp: now() + 3600 }), 401, 'token_invalid');
      expect((await meg({ preferred_username: user, iat: now() + 30, nbf: now() + 30, exp: now() + 3600 })).statusCode).toBe(200);
      // Expired 30 s ago is within the skew; 120 s ago is not.
      expect((await meg({ preferred_username: user, iat: now() - 3600, exp: now() - 30 })).statusCode).toBe(200);
      expectProblem(await meg({ preferred_username: user, iat: now() - 3600, exp: now() - 120 }), 401, 'token_invalid');
    });

    it('matches the user claim without regard to case (as Entra does a UPN), but refuses spaces around it', async () => {
      const user = world.leder.bruker.brukernavn;
      const upper = await meg({ preferred_username: user.toUpperCase(), iat: now(), exp: now() + 3600 });
      expect(upper.statusCode).toBe(200);
      expect(upper.json().bruker.brukernavn).toBe(user);
      for (const padded of [`${user} `, ` ${user}`, `${user}\t`]) {
        const body = expectProblem(await meg({ preferred_username: padded, iat: now(), exp: now() + 3600 }), 401, 'token_invalid');
        expect(body.detail).toMatch(/mellomrom/);
      }
    });

    it('has no dev login', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/dev/login', payload: { brukernavn: world.sbh.bruker.brukernavn } });
      expect(res.statusCode).toBe(404);
    });
  });

  describe('configuration', () => {
    it('dev mode refuses to start with NODE_ENV=production', () => {
      expect(() => loadConfig({ NODE_ENV: 'production', ARKIV_AUTH_MODE: 'dev' })).toThrow(ConfigError);
    });
    it('production without issuer, audience and JWKS URL refuses to start', () => {
      expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_ISSUER/);
    });
    it('defaults: port 3000, data under ./data, 100 MB uploads, dev mode', () => {
      const c = loadConfig({});
      expect({ port: c.port, dataDir: c.dataDir, max: c.maxUploadBytes, dev: c.auth.devMode }).toEqual({ port: 3000, dataDir: path.resolve('data'), max: 100 * 1024 * 1024, dev: true });
    });
  });
});
