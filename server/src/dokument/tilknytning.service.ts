import { type Kysely, sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, notFound } from '../errors/app-error';
import { appendHistorikk } from '../historikk/historikk.repository';
import { loadJournalpostView } from '../journalpost/journalpost.queries';
import { lockForAction } from '../journalpost/journalpost.service';

/**
 * Filtilknytning (§10.4): a document of another journalpost in the same sak becomes a vedlegg
 * here. The new dokumentbeskrivelse points at the same stored files (the active version of each
 * variant), so nothing is copied; later versions of either document are their own.
 * Only a document the user sees (not screened, not in a draft they do not read) can be attached.
 */
export async function tilknyttDokument(db: Kysely<DB>, actor: Actor, journalpostId: string, kildeDokumentId: string): Promise<string> {
  const kilde = await db.selectFrom('dokumentbeskrivelse').select(['journalpostId', 'tittel']).where('systemId', '=', kildeDokumentId).executeTakeFirst();
  if (!kilde) throw notFound('Dokumentet');
  // The policy decides through the source journalpost's view: a hidden one is a 404, a screened document too.
  const kildeView = await loadJournalpostView(db, actor, kilde.journalpostId);
  const synlig = kildeView.dokumenter.find((d) => d.systemId === kildeDokumentId);
  if (!synlig || synlig.skjermet) throw notFound('Dokumentet');
  return db.transaction().execute(async (trx) => {
    const { jp } = await lockForAction(trx, actor, journalpostId, 'endre_dokument');
    if (kildeView.sakId !== jp.sakId) {
      throw new AppError('unprocessable', 'Bare dokumenter fra samme sak kan knyttes til', { errors: [{ field: '/dokumentId', message: 'dokumentet hører til en annen sak' }] });
    }
    if (kilde.journalpostId === journalpostId) {
      throw new AppError('unprocessable', 'Dokumentet hører allerede til denne journalposten', { errors: [{ field: '/dokumentId', message: 'allerede tilknyttet' }] });
    }
    const { n } = await trx.selectFrom('dokumentbeskrivelse').select(sql<number>`count(*)::int`.as('n')).where('journalpostId', '=', journalpostId).executeTakeFirstOrThrow();
    const versjoner = await trx
      .selectFrom('dokumentversjon as v')
      .selectAll('v')
      .where('v.dokumentbeskrivelseId', '=', kildeDokumentId)
      .where('v.versjonsnummer', '=', (eb) => eb.selectFrom('dokumentversjon as w').select(sql<number>`max(w.versjonsnummer)`.as('m')).whereRef('w.dokumentbeskrivelseId', '=', 'v.dokumentbeskrivelseId').whereRef('w.variantformat', '=', 'v.variantformat'))
      .execute();
    if (versjoner.length === 0) throw new AppError('unprocessable', 'Dokumentet har ingen fil', { errors: [{ field: '/dokumentId', message: 'ingen versjon å knytte til' }] });
    const dok = await trx
      .insertInto('dokumentbeskrivelse')
      .values({ journalpostId, dokumentnummer: n + 1, tilknyttetRegistreringSom: 'V', tittel: kilde.tittel, opprettetAvId: actor.bruker.systemId })
      .returning('systemId')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('dokumentversjon')
      .values(
        versjoner.map((v) => ({
          dokumentbeskrivelseId: dok.systemId,
          versjonsnummer: 1,
          variantformat: v.variantformat,
          format: v.format,
          formatDetaljer: v.formatDetaljer,
          filnavn: v.filnavn,
          sjekksum: v.sjekksum,
          filstoerrelse: v.filstoerrelse,
          opprettetAvId: actor.bruker.systemId,
        })),
      )
      .execute();
    await appendHistorikk(trx, actor, {
      handling: 'dokument_tilknyttet',
      objekttype: 'dokumentbeskrivelse',
      objektId: dok.systemId,
      sakId: jp.sakId,
      journalpostId,
      data: { fraDokumentId: kildeDokumentId, fraJournalpostId: kilde.journalpostId },
    });
    return dok.systemId;
  });
}
