import { sql } from 'kysely';

/**
 * The restanse rule of shared/src/restanse.ts (`harRestanse`) as SQL over a journalpost
 * aliased `j`: I and N always, U only with a forfallsdato, until an effective avskrivning
 * other than *** exists. A property test checks the two agree.
 */
export const restanseSql = sql<boolean>`(
  (j.journalposttype in ('I','N') or (j.journalposttype = 'U' and j.forfallsdato is not null))
  and not exists (
    select 1 from avskrivning a
    where a.journalpost_id = j.system_id and not a.ventende and a.avskrivningsmaate <> '***'
  )
)`;
