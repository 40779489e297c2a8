import type { Insertable, Selectable, Updateable } from 'kysely';
import type { AdministrativEnhetTable, BrukerTable, BrukerRolleTable, BrukerTilgangTable, StedfortrederTable, BrukerinnstillingTable, SistBruktSakTable } from './tables/organisasjon.table';
import type { ArkivTable, KlassifikasjonssystemTable, ArkivdelTable, KlasseTable, NummerserieTable } from './tables/arkivstruktur.table';
import type { SakTable, SakSekundaerklasseTable, SakTilgangTable } from './tables/sak.table';
import type { JournalpostTable, KorrespondansepartTable, DokumentbeskrivelseTable, DokumentversjonTable, MerknadTable, KryssreferanseTable } from './tables/journalpost.table';
import type { HistorikkTable, AvskrivningTable, OppgaveStatus, OppgaveTable, EkspederingTable } from './tables/saksbehandling.table';
import type { DokumentlenkeTable, MailImportTable, Utsendingskanal, Utsendingsstatus, UtsendingTable, MalTable, MalVersjonTable, StandardtekstTable } from './tables/utsending.table';
import type { UtvalgTable, MoeteTable, UtvalgssakTable } from './tables/utvalg.table';
import type { SokSakTable, SokJournalpostTable, DokumentTekstTable } from './tables/sok.table';
import type { ArkivformatTable, UttrekkJobbTable } from './tables/arkivformat.table';

/**
 * The database as Kysely sees it. Table types live in ./tables/ by group (organisasjon,
 * arkivstruktur, sak, journalpost, saksbehandling, utsending, utvalg); this file joins them.
 */
export type { AdministrativEnhetTable, BrukerTable, BrukerRolleTable, BrukerTilgangTable, StedfortrederTable, BrukerinnstillingTable, SistBruktSakTable } from './tables/organisasjon.table';
export type { ArkivTable, KlassifikasjonssystemTable, ArkivdelTable, KlasseTable, NummerserieTable } from './tables/arkivstruktur.table';
export type { SakTable, SakSekundaerklasseTable, SakTilgangTable } from './tables/sak.table';
export type { JournalpostTable, KorrespondansepartTable, DokumentbeskrivelseTable, DokumentversjonTable, MerknadTable, KryssreferanseTable } from './tables/journalpost.table';
export type { HistorikkTable, AvskrivningTable, OppgaveStatus, OppgaveTable, EkspederingTable } from './tables/saksbehandling.table';
export type { DokumentlenkeTable, MailImportTable, Utsendingskanal, Utsendingsstatus, UtsendingTable, MalTable, MalVersjonTable, StandardtekstTable } from './tables/utsending.table';
export type { UtvalgTable, MoeteTable, UtvalgssakTable } from './tables/utvalg.table';
export type { SokSakTable, SokJournalpostTable, DokumentTekstTable, DokumentTekstStatus } from './tables/sok.table';
export type { ArkivformatStatus, ArkivformatTable, UttrekkJobbTable, UttrekkStatus } from './tables/arkivformat.table';

export interface DB {
  dokumentlenke: DokumentlenkeTable;
  sakTilgang: SakTilgangTable;
  utvalg: UtvalgTable;
  moete: MoeteTable;
  utvalgssak: UtvalgssakTable;
  brukerinnstilling: BrukerinnstillingTable;
  stedfortreder: StedfortrederTable;
  avskrivning: AvskrivningTable;
  oppgave: OppgaveTable;
  ekspedering: EkspederingTable;
  sistBruktSak: SistBruktSakTable;
  administrativEnhet: AdministrativEnhetTable;
  bruker: BrukerTable;
  brukerRolle: BrukerRolleTable;
  brukerTilgang: BrukerTilgangTable;
  arkiv: ArkivTable;
  klassifikasjonssystem: KlassifikasjonssystemTable;
  arkivdel: ArkivdelTable;
  klasse: KlasseTable;
  nummerserie: NummerserieTable;
  sak: SakTable;
  sakSekundaerklasse: SakSekundaerklasseTable;
  journalpost: JournalpostTable;
  korrespondansepart: KorrespondansepartTable;
  dokumentbeskrivelse: DokumentbeskrivelseTable;
  dokumentversjon: DokumentversjonTable;
  merknad: MerknadTable;
  kryssreferanse: KryssreferanseTable;
  historikk: HistorikkTable;
  mailImport: MailImportTable;
  utsending: UtsendingTable;
  mal: MalTable;
  malVersjon: MalVersjonTable;
  standardtekst: StandardtekstTable;
  sokSak: SokSakTable;
  sokJournalpost: SokJournalpostTable;
  dokumentTekst: DokumentTekstTable;
  arkivformat: ArkivformatTable;
  uttrekkJobb: UttrekkJobbTable;
}

export type Sak = Selectable<SakTable>;
export type NewSak = Insertable<SakTable>;
export type SakUpdate = Updateable<SakTable>;
export type Journalpost = Selectable<JournalpostTable>;
export type NewJournalpost = Insertable<JournalpostTable>;
export type Korrespondansepart = Selectable<KorrespondansepartTable>;
export type Dokumentbeskrivelse = Selectable<DokumentbeskrivelseTable>;
export type Dokumentversjon = Selectable<DokumentversjonTable>;
export type Merknad = Selectable<MerknadTable>;
export type Historikk = Selectable<HistorikkTable>;
export type Bruker = Selectable<BrukerTable>;
