import type { Kysely } from 'kysely';
import type { SkjermingInput } from '@arkiv/shared';
import { diff } from '../historikk/historikk.repository';
import { finnFoedselsnummer } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, notFound } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { lockForAction } from '../journalpost/journalpost.service';
import { effektivSkjerming, skjermingOf } from '../policies/skjerming';

/**
 * The saksbehandler's choice to publish a document in the offentlig journal.
 * Allowed whenever skjerming may be changed (every status, manual §5), by whoever has rights
 * on the journalpost. Refused when anything about the document is screened, or when its
 * title holds a fødselsnummer. The public journal checks the same again in SQL at read time,
 * so a later skjerming un-publishes it at once.
 */
export async function setPublisering(db: Kysely<DB>, actor: Actor, dokumentId: string, publiseres: boolean, now = new Date(), versjon?: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const dok = await trx.selectFrom('dokumentbeskrivelse').selectAll().where('systemId', '=', dokumentId).executeTakeFirst();
    if (!dok) throw notFound('Dokumentet');
    const { jp } = await lockForAction(trx, actor, dok.journalpostId, 'endre_skjerming', { versjon });
    if (publiseres) {
      const sak = await trx.selectFrom('sak').select(['tilgangskode', 'skjermingsnivaa', 'skjermingshjemmel']).where('systemId', '=', jp.sakId).executeTakeFirstOrThrow();
      const skjerming = skjermingOf(dok) ?? effektivSkjerming(jp, sak).skjerming;
      if (skjerming) {
        throw new AppError('document_screened', `Dokumentet er skjermet (${skjerming.tilgangskode}, nivå ${skjerming.skjermingsnivaa}) og kan ikke publiseres i offentlig journal`);
      }
      if (finnFoedselsnummer(dok.tittel).length > 0) {
        throw new AppError('foedselsnummer_in_title', 'Dokumenttittelen inneholder et fødselsnummer. Fjern det fra tittelen før dokumentet publiseres.', {
          errors: [{ field: '/tittel', message: 'inneholder et fødselsnummer' }],
        });
      }
    }
    if (dok.publiseres === publiseres) return;
    await trx
      .updateTable('dokumentbeskrivelse')
      .set({ publiseres, publisertAvId: publiseres ? actor.bruker.systemId : null, publisertDato: publiseres ? now : null })
      .where('systemId', '=', dokumentId)
      .execute();
    await appendHistorikk(trx, actor, {
      handling: 'dokument_publisering_endret',
      objekttype: 'dokumentbeskrivelse',
      objektId: dokumentId,
      sakId: jp.sakId,
      journalpostId: jp.systemId,
      data: { publiseres: { fra: dok.publiseres, til: publiseres } },
    });
  });
}

/**
 * A skjerming on one document (manual §8: documents inherit their journalpost's grading unless
 * they have their own). Like the journalpost's, it may be set in every status by whoever has
 * rights on the journalpost. The public journal stops serving a published document the moment
 * it is screened (checked in SQL at read time).
 */
export async function setDokumentSkjerming(db: Kysely<DB>, actor: Actor, dokumentId: string, skjerming: SkjermingInput | null, versjon?: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const dok = await trx.selectFrom('dokumentbeskrivelse').selectAll().where('systemId', '=', dokumentId).executeTakeFirst();
    if (!dok) throw notFound('Dokumentet');
    const { jp } = await lockForAction(trx, actor, dok.journalpostId, 'endre_skjerming', { versjon });
    const cols = { tilgangskode: skjerming?.tilgangskode ?? null, skjermingsnivaa: skjerming?.skjermingsnivaa ?? null, skjermingshjemmel: skjerming?.skjermingshjemmel ?? null };
    const changed = diff(dok as unknown as Record<string, unknown>, cols);
    if (Object.keys(changed).length === 0) return;
    await trx.updateTable('dokumentbeskrivelse').set(cols).where('systemId', '=', dokumentId).execute();
    await appendHistorikk(trx, actor, { handling: 'dokument_skjerming_endret', objekttype: 'dokumentbeskrivelse', objektId: dokumentId, sakId: jp.sakId, journalpostId: jp.systemId, data: changed });
  });
}
