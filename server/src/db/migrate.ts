import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_core';
import * as m0002 from './migrations/0002_saksbehandling';
import * as m0003 from './migrations/0003_offentlig_journal';
import * as m0004 from './migrations/0004_mail';
import * as m0005 from './migrations/0005_noark_tillegg';
import * as m0006 from './migrations/0006_kryssreferanse';

/** Migrations are listed here (not read from disk) so the same set runs from src and dist. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_saksbehandling': m0002,
  '0003_offentlig_journal': m0003,
  '0004_mail': m0004,
  '0005_noark_tillegg': m0005,
  '0006_kryssreferanse': m0006,
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
