import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, type JWTPayload, jwtVerify, type JSONWebKeySet } from 'jose';
import type { AuthConfig } from '../config';
import { AppError } from '../errors/app-error';

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

/**
 * One validation path for dev tokens and Entra ID tokens: signature via a JWKS,
 * issuer, audience and expiry. Only the key source differs.
 */
export function createTokenVerifier(auth: AuthConfig, localJwks?: JSONWebKeySet): TokenVerifier {
  const keys = localJwks
    ? createLocalJWKSet(localJwks)
    : auth.jwksUrl
      ? createRemoteJWKSet(new URL(auth.jwksUrl))
      : undefined;
  if (!keys) throw new Error('no JWKS configured');
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: auth.issuer,
        audience: auth.audience,
        clockTolerance: 30,
      });
      return payload;
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) {
        throw new AppError('token_invalid', describe(err));
      }
      throw err;
    }
  };
}

function describe(err: InstanceType<typeof joseErrors.JOSEError>): string {
  if (err instanceof joseErrors.JWTExpired) return 'Tokenet er utløpt';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `Tokenet har feil ${err.claim}`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'Tokenets signatur er ugyldig';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'Tokenet er signert med en ukjent nøkkel';
  return 'Tokenet kunne ikke valideres';
}
