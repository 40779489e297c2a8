import type { Generated, ColumnType } from 'kysely';
import type { Journalposttype, Journalstatus, Korrespondanseparttype, Merknadstype, Tilknytning, Variantformat } from '@arkiv/shared';
import type { Id, Timestamp, DateOnly, Json, SkjermingColumns } from './columns';

/** Journalpost and what hangs on it: parties, documents and their versions, merknader, kryssreferanser. */
export interface JournalpostTable extends SkjermingColumns {
  systemId: Id;
  sakId: string;
  dokumentnummer: number;
  journalaar: number;
  journalsekvensnummer: number;
  journalposttype: Journalposttype;
  journalstatus: Journalstatus;
  delegertVedtak: Generated<boolean>;
  tittel: string;
  tittel2: string | null;
  /** Words of title line 1 or 2 shown as ***** to those who do not see through the grading (normalized; migration 0025). */
  skjermedeOrd: ColumnType<string[], string[] | undefined, string[]>;
  beskrivelse: string | null;
  dokumentdato: DateOnly | null;
  journaldato: DateOnly;
  mottattDato: Date | null;
  sendtDato: Date | null;
  forfallsdato: DateOnly | null;
  offentlighetsvurdertDato: DateOnly | null;
  saksbehandlerId: string;
  administrativEnhetId: string;
  noarkTillegg: Json;
  opprettetDato: Timestamp;
  opprettetAvId: string;
  oppdatertDato: Timestamp;
  arkivertDato: Date | null;
  arkivertAvId: string | null;
  feilregistrertDato: ColumnType<Date | null, Date | null | undefined, Date | null>;
  feilregistrertAvId: ColumnType<string | null, string | null | undefined, string | null>;
  /** Moved by every recorded change (appendHistorikk); the ETag clients send back in If-Match. */
  versjon: Generated<number>;
  /** Has an effective avskrivning (not ventende, not ***): kept by a trigger on avskrivning (0015). */
  avskrevet: Generated<boolean>;
}

export interface KorrespondansepartTable {
  systemId: Id;
  journalpostId: string;
  korrespondanseparttype: Korrespondanseparttype;
  rekkefolge: number;
  navn: string;
  postadresse: string | null;
  postnummer: string | null;
  poststed: string | null;
  land: string | null;
  epostadresse: string | null;
  telefonnummer: string | null;
  kontaktperson: string | null;
  organisasjonsnummer: string | null;
  deresReferanse: string | null;
  brukerId: string | null;
  enhetId: string | null;
  noarkTillegg: Generated<Json>;
}

export interface DokumentbeskrivelseTable extends SkjermingColumns {
  systemId: Id;
  journalpostId: string;
  dokumentnummer: number;
  tilknyttetRegistreringSom: Tilknytning;
  dokumenttype: Generated<string>;
  dokumentstatus: Generated<string>;
  tittel: string;
  beskrivelse: string | null;
  forfatter: string | null;
  publiseres: Generated<boolean>;
  publisertAvId: string | null;
  publisertDato: Date | null;
  opprettetDato: Timestamp;
  opprettetAvId: string;
  tilknyttetDato: Timestamp;
  noarkTillegg: Generated<Json>;
}

export interface DokumentversjonTable {
  systemId: Id;
  dokumentbeskrivelseId: string;
  versjonsnummer: number;
  variantformat: Variantformat;
  format: string;
  formatDetaljer: string | null;
  filnavn: string;
  sjekksum: string;
  sjekksumAlgoritme: Generated<string>;
  /** bigint: pg returns it as a string; the presenter turns it into a number. */
  filstoerrelse: ColumnType<string, number | string, number | string>;
  opprettetDato: Timestamp;
  opprettetAvId: string;
  noarkTillegg: Generated<Json>;
}

export interface MerknadTable {
  systemId: Id;
  sakId: string | null;
  journalpostId: string | null;
  dokumentbeskrivelseId: string | null;
  merknadstype: Merknadstype;
  merknadstekst: string;
  merknadsdato: Timestamp;
  registrertAvId: string;
  noarkTillegg: Generated<Json>;
}

export interface KryssreferanseTable {
  systemId: Id;
  fraSakId: string | null;
  fraJournalpostId: string | null;
  tilSakId: string | null;
  tilJournalpostId: string | null;
  opprettetDato: Timestamp;
  opprettetAvId: string;
  noarkTillegg: Generated<Json>;
}
