import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './columns';

/** A tsvector as text (the service never reads one; the search queries use them in SQL). */
type Tsvector = ColumnType<string, never, never>;

/** Search vectors per skjerming tier, kept by triggers (migrations 0017, 0025: `tittel` and `skjermet` leave screened words out). */
export interface SokSakTable {
  sakId: string;
  aapen: boolean;
  tittel: Tsvector;
  skjermet: Tsvector;
  alle: Tsvector;
}

export interface SokJournalpostTable {
  journalpostId: string;
  aapen: boolean;
  journaldato: string;
  tittel: Tsvector;
  parter: Tsvector;
  skjermet: Tsvector;
  alle: Tsvector;
}

export type DokumentTekstStatus = 'VENTER' | 'LESER' | 'FERDIG' | 'FEILET';

/** A document version's extracted text: a job queue row until the text is read (or given up on). */
export interface DokumentTekstTable {
  dokumentversjonId: string;
  dokumentbeskrivelseId: string;
  status: Generated<DokumentTekstStatus>;
  forsoek: Generated<number>;
  nesteForsoek: Timestamp;
  laastTil: Date | null;
  feil: string | null;
  tekst: string | null;
  sok: ColumnType<string | null, never, string | null>;
  oppdatertDato: Timestamp;
}
