import type { ColumnType, Generated } from 'kysely';
import type { Id, Timestamp, DateOnly, Json } from './columns';

/** Arkiv, arkivdel, klassifikasjon and the number series (Noark 5 arkivstruktur). */
export interface ArkivTable {
  systemId: Id;
  tittel: string;
  beskrivelse: string | null;
  arkivstatus: Generated<string>;
  dokumentmedium: Generated<string>;
  arkivskaperId: string;
  arkivskaperNavn: string;
  opprettetDato: Timestamp;
  opprettetAv: string;
  avsluttetDato: Date | null;
  avsluttetAv: string | null;
  noarkTillegg: Generated<Json>;
  oppbevaringssted: string | null;
}

export interface KlassifikasjonssystemTable {
  systemId: Id;
  klassifikasjonstype: string | null;
  tittel: string;
  beskrivelse: string | null;
  opprettetDato: Timestamp;
  opprettetAv: string;
  noarkTillegg: Generated<Json>;
  avsluttetDato: Date | null;
  avsluttetAv: string | null;
}

export interface ArkivdelTable {
  systemId: Id;
  arkivId: string;
  klassifikasjonssystemId: string | null;
  tittel: string;
  beskrivelse: string | null;
  arkivdelstatus: Generated<string>;
  dokumentmedium: Generated<string>;
  arkivperiodeStartDato: DateOnly | null;
  arkivperiodeSluttDato: DateOnly | null;
  opprettetDato: Timestamp;
  opprettetAv: string;
  avsluttetDato: Date | null;
  avsluttetAv: string | null;
  noarkTillegg: Generated<Json>;
  /** An imported historic base: never editable (a trigger refuses every change, SQLSTATE AR001). */
  skrivebeskyttet: Generated<boolean>;
  importertFra: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}

export interface KlasseTable {
  systemId: Id;
  klassifikasjonssystemId: string;
  overordnetKlasseId: string | null;
  klasseId: string;
  tittel: string;
  beskrivelse: string | null;
  opprettetDato: Timestamp;
  opprettetAv: string;
  noarkTillegg: Generated<Json>;
  noekkelord: Generated<string[]>;
  avsluttetDato: Date | null;
  avsluttetAv: string | null;
}

export interface NummerserieTable {
  serie: string;
  aar: number;
  siste: number;
}
