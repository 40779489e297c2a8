import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_core';
import * as m0003 from './migrations/0003_offentlig_journal';

/** Migrations are listed here (not read from disk) so the same set runs from src and dist. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_core': m0001,
  // 0002 is issue 3's (roles, kurver, oppgaver); 0003 does not depend on it.
  '0003_offentlig_journal': m0003,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db: db.withoutPlugins(), provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}
