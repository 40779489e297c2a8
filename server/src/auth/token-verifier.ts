import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, type JWTPayload, jwtVerify, type JSONWebKeySet } from 'jose';
import type { AuthConfig } from '../config';
import { AppError } from '../errors/app-error';

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

/** How far the identity provider's clock and ours may disagree (docs/architecture.md, Innlogging). */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * One validation path for dev tokens and Entra ID tokens: signature via a JWKS, issuer,
 * audience, and time: `exp` is required (a token that never expires is refused), `nbf` and `iat`
 * may not lie in the future, each with CLOCK_SKEW_SECONDS of slack. Only the key source differs.
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
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_SKEW_SECONDS,
      });
      // jose checks iat only against a maximum age; a token issued in the future is forged or from a wrong clock.
      if (payload.iat !== undefined && payload.iat > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
        throw new AppError('token_invalid', 'Tokenet er utstedt fram i tid');
      }
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
  if (err instanceof joseErrors.JWTClaimValidationFailed) return err.reason === 'missing' ? `Tokenet mangler ${err.claim}` : `Tokenet har feil ${err.claim}`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'Tokenets signatur er ugyldig';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'Tokenet er signert med en ukjent nøkkel';
  return 'Tokenet kunne ikke valideres';
}
