import type { Kysely } from 'kysely';
import type { OppgaveViewT } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { erMeg } from '../policies/predicates';
import { svarFor } from './oppgave.service';

export function selectOppgave(db: Kysely<DB>) {
  return db
    .selectFrom('oppgave as o')
    .innerJoin('bruker as a', 'a.systemId', 'o.avsenderId')
    .innerJoin('bruker as m', 'm.systemId', 'o.mottakerId')
    .selectAll('o')
    .select(['a.brukernavn as avsenderBrukernavn', 'a.navn as avsenderNavn', 'm.brukernavn as mottakerBrukernavn', 'm.navn as mottakerNavn']);
}
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof selectOppgave>['executeTakeFirst']>>>;

/**
 * §12.1: a yellow oppgave merknad is shown to the sender and the next step (the receiver)
 * only, unless marked for all. A deactivated oppgave stays in the list, struck through.
 */
export function presentOppgave(actor: Actor, o: Row): OppgaveViewT {
  const part = erMeg(actor, o.avsenderId) || erMeg(actor, o.mottakerId) || (o.paaVegneAvId !== null && erMeg(actor, o.paaVegneAvId));
  const mottaker = erMeg(actor, o.mottakerId) && o.status === 'aktiv';
  const harSvar = svarFor(o.oppgavetype).length > 0;
  return {
    systemId: o.systemId,
    oppgavetype: o.oppgavetype,
    status: o.status,
    avsender: { systemId: o.avsenderId, brukernavn: o.avsenderBrukernavn, navn: o.avsenderNavn },
    mottaker: { systemId: o.mottakerId, brukernavn: o.mottakerBrukernavn, navn: o.mottakerNavn },
    journalpostId: o.journalpostId,
    sakId: o.sakId,
    merknad: part || o.merknadForAlle ? o.merknad : null,
    merknadForAlle: o.merknadForAlle,
    svar: o.svar,
    svarMerknad: part || o.merknadForAlle ? o.svarMerknad : null,
    opprettetDato: o.opprettetDato.toISOString(),
    lestDato: o.lestDato ? o.lestDato.toISOString() : null,
    deaktivert: o.status === 'deaktivert',
    abilities: {
      besvar: mottaker && harSvar,
      fjernFraKurv: mottaker && !harSvar,
      deaktiver: erMeg(actor, o.avsenderId) && o.status === 'aktiv' && o.lestDato === null,
    },
  };
}
