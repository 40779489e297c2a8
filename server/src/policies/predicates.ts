import type { Rolle, Tilgangskode } from '@arkiv/shared';
import type { Actor } from '../auth/actor';

/** Small named predicates the policies are built from (STYLE.md §4). Pure. */

export const harRolle = (actor: Actor, rolle: Rolle, enhetId?: string) =>
  actor.roller.some((r) => r.rolle === rolle && (enhetId === undefined || r.enhetId === enhetId));

/** Archive staff: arkivansvarlig/arkivpersonale or the dokumentsenter. */
export const erArkiv = (actor: Actor) => harRolle(actor, 'ARK') || harRolle(actor, 'DOK');

export const erArkivansvarlig = (actor: Actor) => harRolle(actor, 'ARK');

export const erLederFor = (actor: Actor, enhetId: string) => harRolle(actor, 'LED', enhetId);

export const erIEnhet = (actor: Actor, enhetId: string) => actor.roller.some((r) => r.enhetId === enhetId);

/**
 * The desk the actor works on: their own, or, as stedfortreder (§11.3), the leader's.
 * A deputy on a leader's desk owns what the leader owns.
 */
export const pultEier = (actor: Actor) => actor.paaVegneAv?.systemId ?? actor.bruker.systemId;

export const erMeg = (actor: Actor, brukerId: string) => brukerId === actor.bruker.systemId || brukerId === actor.paaVegneAv?.systemId;

export const erStedfortrederFor = (actor: Actor, lederId: string) => actor.paaVegneAv?.systemId === lederId;

export const erSaksansvarlig = (actor: Actor, sak: { saksansvarligId: string }) => erMeg(actor, sak.saksansvarligId);

export const erSaksbehandler = (actor: Actor, jp: { saksbehandlerId: string }) => erMeg(actor, jp.saksbehandlerId);

/** Authorized for a tilgangskode, for all units or for the record's unit. */
export const harTilgangskode = (actor: Actor, kode: Tilgangskode, enhetId: string) =>
  actor.tilganger.some((t) => t.tilgangskode === kode && (t.enhetId === null || t.enhetId === enhetId));
