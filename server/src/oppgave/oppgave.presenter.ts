import { type Kysely, sql } from 'kysely';
import type { OppgaveViewT } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { erMeg } from '../policies/predicates';
import { grading, skjermingFilter } from '../policies/skjerming.sql';
import { svarFor } from './oppgave.service';

/**
 * The record's skjerming alone, without the draft rule: an oppgave is addressed to its receiver,
 * who may work on a draft they do not otherwise read (utkast.ts), so only a tilgangskode hides
 * its text.
 */
const SKJERMING = grading({ own: ['j', 's'], enhetId: sql<string>`coalesce(${sql.ref('j.administrativEnhetId')}, ${sql.ref('s.administrativEnhetId')})`, saksansvarligId: 's.saksansvarligId', saksbehandlerId: 'j.saksbehandlerId' });

/**
 * Oppgaver as the actor may see them. A merknad is free text about the record like its
 * merknader (skjerming level 2, manual §8): `merknadSkjult` says whether the record's skjerming
 * hides it from the actor.
 */
export function selectOppgave(db: Kysely<DB>, actor: Actor) {
  const f = skjermingFilter(actor);
  return db
    .selectFrom('oppgave as o')
    .innerJoin('bruker as a', 'a.systemId', 'o.avsenderId')
    .innerJoin('bruker as m', 'm.systemId', 'o.mottakerId')
    .leftJoin('journalpost as j', 'j.systemId', 'o.journalpostId')
    .leftJoin('sak as s', 's.systemId', 'o.sakId')
    .selectAll('o')
    .select(f.skjuler(SKJERMING, 'tittel2').as('merknadSkjult'))
    .select(['a.brukernavn as avsenderBrukernavn', 'a.navn as avsenderNavn', 'm.brukernavn as mottakerBrukernavn', 'm.navn as mottakerNavn'])
    // A chain's approvers after this step, by name, in order.
    .select(
      sql<{ systemId: string; brukernavn: string; navn: string }[]>`coalesce((select json_agg(json_build_object('systemId', b.system_id, 'brukernavn', b.brukernavn, 'navn', b.navn) order by array_position(o.neste_godkjennere, b.system_id)) from bruker b where b.system_id = any(o.neste_godkjennere)), '[]'::json)`.as(
        'nesteGodkjennereRefs',
      ),
    );
}
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof selectOppgave>['executeTakeFirst']>>>;

/**
 * §12.1: a yellow oppgave merknad is shown to the sender and the next step (the receiver)
 * only, unless marked for all; and, like the record's own merknader (§8), not to one from whom
 * the record's skjerming hides them, unless they wrote it. A deactivated oppgave stays in the
 * list, struck through.
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
    merknad: (part || o.merknadForAlle) && (!o.merknadSkjult || erMeg(actor, o.avsenderId)) ? o.merknad : null,
    merknadForAlle: o.merknadForAlle,
    svar: o.svar,
    svarMerknad: (part || o.merknadForAlle) && (!o.merknadSkjult || erMeg(actor, o.mottakerId)) ? o.svarMerknad : null,
    opprettetDato: o.opprettetDato.toISOString(),
    lestDato: o.lestDato ? o.lestDato.toISOString() : null,
    deaktivert: o.status === 'deaktivert',
    ...(o.nesteGodkjennereRefs.length ? { nesteGodkjennere: o.nesteGodkjennereRefs } : {}),
    abilities: {
      besvar: mottaker && harSvar,
      fjernFraKurv: mottaker && !harSvar,
      deaktiver: erMeg(actor, o.avsenderId) && o.status === 'aktiv' && o.lestDato === null,
    },
  };
}
