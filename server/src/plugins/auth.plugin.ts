import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { type Actor, loadActor } from '../auth/actor';
import type { TokenVerifier } from '../auth/token-verifier';
import type { DB } from '../db/schema';
import { AppError } from '../errors/app-error';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; set on every route not marked `config: { public: true }`. */
    actor: Actor;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

export interface AuthPluginOptions {
  db: Kysely<DB>;
  verify: TokenVerifier;
  userClaim: string;
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m?.[1];
}

/** Every route needs a valid bearer token unless its config says `public: true`. */
export const authPlugin = fp(async (app: FastifyInstance, opts: AuthPluginOptions) => {
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config?.public || !request.routeOptions.url) return;
    const token = bearerToken(request);
    if (!token) throw new AppError('unauthorized', 'Mangler bearer-token i Authorization');
    const payload = await opts.verify(token);
    const identity = payload[opts.userClaim];
    if (typeof identity !== 'string' || identity === '') {
      throw new AppError('token_invalid', `Tokenet mangler ${opts.userClaim}`);
    }
    const actor = await loadActor(opts.db, identity);
    if (!actor) throw new AppError('unknown_user', `Brukeren ${identity} finnes ikke i arkivet`);
    request.actor = actor;
  });
});
