import { createTestContext, type TestContext } from './context';
import { buildWorld } from './factories';

/** The standard cast: units, a saksbehandler or two, a stranger, a leader, the archive (ARK, DOK). */
export type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * The usual start of a route test file: the whole service against a fresh real database, and
 * the standard cast of users in it. `beforeAll(async () => ({ ctx, w } = await openWorld()))`.
 */
export async function openWorld(env: Record<string, string> = {}): Promise<{ ctx: TestContext; w: World }> {
  const ctx = await createTestContext(env);
  try {
    return { ctx, w: await buildWorld(ctx.db) };
  } catch (err) {
    await ctx.close();
    throw err;
  }
}
