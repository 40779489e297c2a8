import type { Generated, ColumnType } from 'kysely';
import type { Rolle, Tilgangskode } from '@arkiv/shared';
import type { Id, Timestamp, DateOnly, Json } from './columns';

/** Users, units, roles, access codes, deputies and per-user settings. */
export interface AdministrativEnhetTable {
  systemId: Id;
  kode: string;
  navn: string;
  overordnetId: string | null;
  aktiv: Generated<boolean>;
  opprettetDato: Timestamp;
}

export interface BrukerTable {
  systemId: Id;
  brukernavn: string;
  navn: string;
  epost: string | null;
  aktiv: Generated<boolean>;
  opprettetDato: Timestamp;
}

export interface BrukerRolleTable {
  brukerId: string;
  enhetId: string;
  rolle: Rolle;
}

export interface BrukerTilgangTable {
  systemId: Id;
  brukerId: string;
  tilgangskode: Tilgangskode;
  enhetId: string | null;
}

export interface StedfortrederTable {
  systemId: Id;
  lederId: string;
  stedfortrederId: string;
  fraDato: DateOnly;
  tilDato: DateOnly;
  tilgangskoder: ColumnType<Tilgangskode[], Tilgangskode[] | undefined, Tilgangskode[]>;
  opprettetDato: Timestamp;
  opprettetAvId: string;
}

export interface BrukerinnstillingTable {
  brukerId: string;
  noekkel: string;
  verdi: Json;
  oppdatertDato: Timestamp;
}

export interface SistBruktSakTable {
  brukerId: string;
  sakId: string;
  tidspunkt: Timestamp;
}
