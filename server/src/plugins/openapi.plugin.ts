import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemSchema } from '@arkiv/shared';

/** Every route documents its errors as problem+json. */
export const errorResponses = {
  '4xx': { ...ProblemSchema, description: 'RFC 9457 problem+json' },
  '5xx': { ...ProblemSchema, description: 'RFC 9457 problem+json' },
} as const;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The documented body schema of a route that reads its body itself (multipart), not validated by Fastify. */
    openapiBody?: unknown;
  }
}

/** OpenAPI 3 at GET /openapi.json and a browsable UI at /docs. */
export const openapiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Arkiv API',
        version: '0.1.0',
        description: 'Noark 5 sak/arkiv for kommuner. Alle feil er RFC 9457 application/problem+json med en stabil `code`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    // A multipart route reads its form itself (files are streamed); its documented body is in config.
    transform: ({ schema, url, route }) => {
      const body = route.config?.openapiBody;
      return { schema: body ? ({ ...schema, body } as typeof schema) : schema, url };
    },
  });
  // The browsable docs are public like the document they show; the API calls made from it still need a token.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...route.config, public: true };
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
});
