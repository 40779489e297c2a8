import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK, SignJWT } from 'jose';
import type { AuthConfig } from '../config';

const ALG = 'ES256';

export interface DevSigner {
  readonly jwks: JSONWebKeySet;
  sign(claims: { sub: string; preferred_username: string; name: string }, ttlSeconds?: number): Promise<string>;
}

/**
 * Dev mode's own signing key, kept in the data dir so tokens survive a restart.
 * (Without a data dir, e.g. in tests, a fresh key per process.)
 */
export async function loadDevSigner(auth: AuthConfig, dataDir?: string): Promise<DevSigner> {
  const file = dataDir ? path.join(dataDir, 'dev-signing-key.json') : undefined;
  let privateJwk: JWK | undefined;
  if (file) {
    privateJwk = await readFile(file, 'utf8').then((t) => JSON.parse(t) as JWK, () => undefined);
  }
  if (!privateJwk) {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: `dev-${Date.now().toString(36)}`, alg: ALG };
    if (file) {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { d: _private, ...publicJwk } = privateJwk;
  const key = await importJWK(privateJwk, ALG);
  return {
    jwks: { keys: [{ ...publicJwk, use: 'sig', alg: ALG }] },
    sign: (claims, ttlSeconds = 8 * 3600) =>
      new SignJWT({ preferred_username: claims.preferred_username, name: claims.name })
        .setProtectedHeader({ alg: ALG, kid: privateJwk.kid! })
        .setSubject(claims.sub)
        .setIssuer(auth.issuer)
        .setAudience(auth.audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
  };
}
