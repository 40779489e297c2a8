import type { ColumnType, Generated } from 'kysely';
import type { Skjermingsnivaa, Tilgangskode } from '@arkiv/shared';

/** Column types shared by the table files (camelCase; the database is snake_case via CamelCasePlugin). */
export type Id = Generated<string>;
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
/** `date` columns are read as YYYY-MM-DD strings (see the type parser in database.ts). */
export type DateOnly = ColumnType<string, string, string>;
export type Json = ColumnType<Record<string, unknown>, string | undefined, string>;

export interface SkjermingColumns {
  tilgangskode: Tilgangskode | null;
  skjermingsnivaa: Skjermingsnivaa | null;
  skjermingshjemmel: string | null;
}
