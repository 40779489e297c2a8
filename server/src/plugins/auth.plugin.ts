import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { type Actor, loadActor } from '../auth/actor';
import type { TokenVerifier } from '../auth/token-verifier';
import type { DB } from '../db/schema';
import { AppError, validation } from '../errors/app-error';
import { somStedfortreder } from '../stedfortreder/stedfortreder.service';

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

/**
 * Every route needs a valid bearer token unless its config says `public: true`.
 * `X-Paa-Vegne-Av: <leder-id>` puts a stedfortreder on the leader's desk (§11.3).
 */
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
    // An Entra UPN matches without regard to case; spaces around it are not part of any name.
    if (identity !== identity.trim()) throw new AppError('token_invalid', `${opts.userClaim} i tokenet har mellomrom rundt navnet`);
    const actor = await loadActor(opts.db, identity);
    if (!actor) throw new AppError('unknown_user', `Brukeren ${identity} finnes ikke i arkivet`);
    // §11.3: a stedfortreder switches to the leader's desk with this header.
    const paaVegneAv = request.headers['x-paa-vegne-av'];
    if (typeof paaVegneAv === 'string' && paaVegneAv !== '') {
      if (!/^[0-9a-f-]{36}$/i.test(paaVegneAv)) throw validation('/headers/x-paa-vegne-av', 'må være en bruker-id');
      request.actor = await somStedfortreder(opts.db, actor, paaVegneAv);
      return;
    }
    request.actor = actor;
  });
});
