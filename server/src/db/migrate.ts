import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_core';
import * as m0002 from './migrations/0002_saksbehandling';
import * as m0003 from './migrations/0003_offentlig_journal';
import * as m0004 from './migrations/0004_mail';
import * as m0005 from './migrations/0005_noark_tillegg';
import * as m0006 from './migrations/0006_kryssreferanse';
import * as m0007 from './migrations/0007_uformelle_merknader';
import * as m0008 from './migrations/0008_feilregistrerte';
import * as m0010 from './migrations/0010_godkjenning_innsender';
import * as m0011 from './migrations/0011_restanseansvar';
import * as m0013 from './migrations/0013_mail_import_message_id';
import * as m0014 from './migrations/0014_versjon';
import * as m0015 from './migrations/0015_restanse_indekser';
import * as m0016 from './migrations/0016_foreloepig_nummer';
import * as m0017 from './migrations/0017_sok';
import * as m0024 from './migrations/0024_arkivbord';
import * as m0022 from './migrations/0022_godkjenningskjede';
import * as m0019 from './migrations/0019_arkivformat';
import * as m0020 from './migrations/0020_historisk_arkivdel';
import * as m0025 from './migrations/0025_skjermede_ord';
import * as m0028 from './migrations/0028_skala';
import * as m0031 from './migrations/0031_dokumentlenke';

/** Migrations are listed here (not read from disk) so the same set runs from src and dist. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_saksbehandling': m0002,
  '0003_offentlig_journal': m0003,
  '0004_mail': m0004,
  '0005_noark_tillegg': m0005,
  '0006_kryssreferanse': m0006,
  '0007_uformelle_merknader': m0007,
  '0008_feilregistrerte': m0008,
  '0010_godkjenning_innsender': m0010,
  '0011_restanseansvar': m0011,
  '0013_mail_import_message_id': m0013,
  '0014_versjon': m0014,
  '0015_restanse_indekser': m0015,
  '0016_foreloepig_nummer': m0016,
  '0017_sok': m0017,
  '0024_arkivbord': m0024,
  '0022_godkjenningskjede': m0022,
  '0019_arkivformat': m0019,
  '0020_historisk_arkivdel': m0020,
  '0025_skjermede_ord': m0025,
  '0028_skala': m0028,
  '0031_dokumentlenke': m0031,
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
