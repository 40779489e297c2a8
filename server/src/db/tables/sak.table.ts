import type { Generated, ColumnType } from 'kysely';
import type { Saksstatus, Sakstype } from '@arkiv/shared';
import type { Id, Timestamp, DateOnly, Json, SkjermingColumns } from './columns';

/** Saksmappe and who besides the saksansvarlig may add to it. */
export interface SakTable extends SkjermingColumns {
  systemId: Id;
  arkivdelId: string;
  saksaar: number;
  sakssekvensnummer: number;
  mappeId: string;
  tittel: string;
  tittel2: string | null;
  /** Words of title line 1 or 2 shown as ***** to those who do not see through the grading (normalized; migration 0025). */
  skjermedeOrd: ColumnType<string[], string[] | undefined, string[]>;
  beskrivelse: string | null;
  sakstype: Sakstype;
  saksstatus: Saksstatus;
  saksdato: DateOnly;
  saksansvarligId: string;
  administrativEnhetId: string;
  klasseId: string | null;
  noekkelord: ColumnType<string[], string[] | undefined, string[]>;
  obsDato: DateOnly | null;
  obsKommentar: string | null;
  sisteDokumentnummer: Generated<number>;
  dokumentmedium: Generated<string>;
  noarkTillegg: Json;
  opprettetDato: Timestamp;
  opprettetAvId: string;
  oppdatertDato: Timestamp;
  avsluttetDato: Date | null;
  avsluttetAvId: string | null;
  /** Moved by every recorded change (appendHistorikk); the ETag clients send back in If-Match. */
  versjon: Generated<number>;
}

export interface SakSekundaerklasseTable {
  sakId: string;
  klasseId: string;
  rekkefolge: number;
}

export interface SakTilgangTable {
  sakId: string;
  brukerId: string;
  gittAvId: string;
  opprettetDato: Timestamp;
}
