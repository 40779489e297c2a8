import type { SakView } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { sakAbilities } from '../policies/sak.policy';
import { kanSeSkjermet, SKJERMET_TEKST, skjermingOf, skjultFraNivaa, skjultNivaa } from '../policies/skjerming';
import type { SakRow } from './sak.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Full tittel as Noark has it: line 1, then line 2 when there is one. */
export function offentligTittel(tittel: string, tittel2: string | null, skjermet: boolean): string {
  if (!tittel2) return tittel;
  return `${tittel} - ${skjermet ? SKJERMET_TEKST : tittel2}`;
}

/** The policy's decision for one sak and user: the level hidden from them (0 = nothing). */
export function sakSkjultNivaa(actor: Actor, row: Pick<SakRow, 'tilgangskode' | 'skjermingsnivaa' | 'skjermingshjemmel' | 'administrativEnhetId' | 'saksansvarligId'>): number {
  const skjerming = skjermingOf(row);
  return skjultNivaa(skjerming, kanSeSkjermet(actor, skjerming, { enhetId: row.administrativEnhetId, saksansvarligId: row.saksansvarligId }));
}

/**
 * Renders a sak for one user: skjerming applied here, the response schema is the second guard.
 * A single record is decided by the policy; a list row carries the SQL filter's decision
 * (`skjultNivaa`) and arrives already redacted.
 */
export function presentSak(actor: Actor, row: SakRow): SakView {
  const skjerming = skjermingOf(row);
  const hide = skjultFraNivaa(row.skjultNivaa ?? sakSkjultNivaa(actor, row));
  return {
    systemId: row.systemId,
    saksnummer: row.mappeId,
    saksaar: row.saksaar,
    sakssekvensnummer: row.sakssekvensnummer,
    tittel: row.tittel,
    tittel2: row.tittel2 === null ? null : hide.tittel2 ? SKJERMET_TEKST : row.tittel2,
    offentligTittel: offentligTittel(row.tittel, row.tittel2, skjerming !== null && skjerming.skjermingsnivaa >= 2),
    beskrivelse: hide.tittel2 ? null : row.beskrivelse,
    sakstype: row.sakstype,
    saksstatus: row.saksstatus,
    saksdato: row.saksdato,
    saksansvarlig: { systemId: row.saksansvarligId, brukernavn: row.saksansvarligBrukernavn, navn: row.saksansvarligNavn },
    administrativEnhet: { systemId: row.administrativEnhetId, kode: row.enhetKode, navn: row.enhetNavn },
    klasse:
      row.klasseId && !hide.parterEllerKlassering
        ? { systemId: row.klasseId, klasseId: row.klasseKode ?? '', tittel: row.klasseTittel ?? '' }
        : null,
    klasseSkjermet: row.klasseSkjermet ?? (hide.parterEllerKlassering && row.klasseId !== null),
    skjerming,
    noekkelord: hide.tittel2 ? [] : row.noekkelord,
    obsDato: row.obsDato,
    obsKommentar: row.obsKommentar,
    arkivdelId: row.arkivdelId,
    opprettetDato: row.opprettetDato.toISOString(),
    avsluttetDato: iso(row.avsluttetDato),
    abilities: sakAbilities(actor, row),
  };
}
