import { skjermOrd, type SakView } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { sakAbilities } from '../policies/sak.policy';
import { kanSeSkjermet, SKJERMET_TEKST, skjermingOf, skjultFraNivaa, skjultNivaa, visTittel, visTittel2 } from '../policies/skjerming';
import type { SakRow } from './sak.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The public title as Noark has it: line 1, then line 2 when there is one; line 2 as `*****`
 * when screened (level ≥ 2), and the record's screened words (`ord`, pass them only while the
 * record is graded) as `*****` in both lines.
 */
export function offentligTittel(tittel: string, tittel2: string | null, skjermet: boolean, ord: readonly string[] = []): string {
  const linje1 = skjermOrd(tittel, ord);
  if (!tittel2) return linje1;
  return `${linje1} - ${skjermet ? SKJERMET_TEKST : skjermOrd(tittel2, ord)}`;
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
  const nivaa = row.skjultNivaa ?? sakSkjultNivaa(actor, row);
  const hide = skjultFraNivaa(nivaa);
  // Screened words count only while the sak is graded; a list row for a reader who does not
  // see them arrives with the words already screened and none listed.
  const ord = skjerming ? row.skjermedeOrd : [];
  return {
    systemId: row.systemId,
    saksnummer: row.mappeId,
    saksaar: row.saksaar,
    sakssekvensnummer: row.sakssekvensnummer,
    tittel: visTittel(row.tittel, ord, nivaa),
    tittel2: visTittel2(row.tittel2, ord, nivaa),
    offentligTittel: offentligTittel(row.tittel, row.tittel2, skjerming !== null && skjerming.skjermingsnivaa >= 2, ord),
    skjermedeOrd: nivaa > 0 ? [] : row.skjermedeOrd,
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
    versjon: row.versjon,
  };
}
