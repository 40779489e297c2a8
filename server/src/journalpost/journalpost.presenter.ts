import { formatJournalnummer, formatRegistreringsId, harRestanse, isLocked, type JournalpostView } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { journalpostAbilities } from '../policies/journalpost.policy';
import { effektivSkjerming, kanSeSkjermet, SKJERMET_TEKST, skjermingOf, skjult, skjultFraNivaa, skjultNivaa, utgaaendeSkjult, visTittel, visTittel2 } from '../policies/skjerming';
import { leserUtkast, medUtkast, UTKAST_NIVAA, type UtkastForPolicy, utkastFinnes } from '../policies/utkast';
import { offentligTittel } from '../sak/sak.presenter';
import type { JournalpostChildren, JournalpostRow } from './journalpost.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The newest version of each variant is the active one. */
function presentVersjoner(versjoner: JournalpostChildren['versjoner'], dokumentId: string) {
  const own = versjoner.filter((v) => v.dokumentbeskrivelseId === dokumentId);
  const newest = new Map<string, number>();
  for (const v of own) newest.set(v.variantformat, Math.max(newest.get(v.variantformat) ?? 0, v.versjonsnummer));
  return own.map((v) => ({
    systemId: v.systemId,
    versjonsnummer: v.versjonsnummer,
    variantformat: v.variantformat,
    format: v.format,
    filnavn: v.filnavn,
    sjekksum: v.sjekksum,
    sjekksumAlgoritme: v.sjekksumAlgoritme,
    filstoerrelse: Number(v.filstoerrelse),
    opprettetDato: v.opprettetDato.toISOString(),
    opprettetAvId: v.opprettetAvId,
    aktiv: newest.get(v.variantformat) === v.versjonsnummer,
  }));
}

type GradedJournalpost = Pick<
  JournalpostRow,
  | 'tilgangskode'
  | 'skjermingsnivaa'
  | 'skjermingshjemmel'
  | 'sakTilgangskode'
  | 'sakSkjermingsnivaa'
  | 'sakSkjermingshjemmel'
  | 'administrativEnhetId'
  | 'sakSaksansvarligId'
  | 'saksbehandlerId'
  | 'journalstatus'
> &
  Pick<UtkastForPolicy, 'godkjennerIds'>;

const grading = (row: GradedJournalpost) => {
  const sakGrading = { tilgangskode: row.sakTilgangskode, skjermingsnivaa: row.sakSkjermingsnivaa, skjermingshjemmel: row.sakSkjermingshjemmel };
  const ctx = { enhetId: row.administrativEnhetId, saksansvarligId: row.sakSaksansvarligId, saksbehandlerId: row.saksbehandlerId };
  return { ...effektivSkjerming(row, sakGrading), ctx };
};

/** The level the skjerming alone hides from the user. */
function skjermingNivaa(actor: Actor, row: GradedJournalpost): number {
  const { skjerming, ctx } = grading(row);
  return skjultNivaa(skjerming, kanSeSkjermet(actor, skjerming, ctx));
}

/** The policy's decision for one journalpost and user: the level hidden from them (0 = nothing; UTKAST_NIVAA for a draft they do not read). */
export function journalpostSkjultNivaa(actor: Actor, row: GradedJournalpost): number {
  return medUtkast(skjermingNivaa(actor, row), leserUtkast(actor, row));
}

/** Whether the journalpost is there for the user at all (a draft they do not read may not be): else a 404. */
export function journalpostFinnes(actor: Actor, row: GradedJournalpost): boolean {
  return utkastFinnes(skjermingNivaa(actor, row), leserUtkast(actor, row));
}

/** The policy's decision for one document: hidden when its own grading, else its journalpost's, hides documents, or it is in a draft the user does not read. */
export function dokumentSkjult(actor: Actor, row: GradedJournalpost, dok: { tilgangskode: JournalpostRow['tilgangskode']; skjermingsnivaa: number | null; skjermingshjemmel: string | null }): boolean {
  if (!leserUtkast(actor, row)) return true;
  const { skjerming, ctx } = grading(row);
  const docSkjerming = skjermingOf(dok) ?? skjerming;
  return skjult(docSkjerming, kanSeSkjermet(actor, docSkjerming, ctx)).dokumenter;
}

/**
 * The abilities as the user can use them here: screened words in the title are marked by one who
 * may change the skjerming and sees the title whole (the list is chosen among the title's words,
 * which the others see as *****); expediting needs what goes out in view (kreverSynligUtgaaende
 * refuses otherwise).
 */
function medSkjermOrd(abilities: Record<string, boolean>, skjultNivaa: number, utgaaendeSkjult: boolean): Record<string, boolean> {
  return { ...abilities, skjermOrd: abilities.changeSkjerming === true && skjultNivaa === 0, ...(utgaaendeSkjult ? { ekspeder: false } : {}) };
}

/**
 * Renders a journalpost for one user, with the skjerming levels applied (manual §8).
 * A single record is decided by the policy; a list row carries the SQL filter's decisions
 * (`skjultNivaa`, `children.dokumentSkjult`) and arrives already redacted.
 */
export function presentJournalpost(actor: Actor, row: JournalpostRow, children: JournalpostChildren): JournalpostView {
  const { skjerming, kilde } = grading(row);
  const nivaa = row.skjultNivaa ?? journalpostSkjultNivaa(actor, row);
  const hide = skjultFraNivaa(nivaa);
  // A draft the user does not read: title line 1 only, not even merknader (utkast.ts).
  const utkastSkjult = nivaa >= UTKAST_NIVAA;
  // Screened words count only while a grading applies; a list row for a reader who does not
  // see them arrives with the words already screened and none listed.
  const ord = skjerming ? row.skjermedeOrd : [];
  const parter = children.parter.filter((p) => p.journalpostId === row.systemId);
  const avskrivninger = children.avskrivninger.filter((a) => a.journalpostId === row.systemId);
  const policyInput = {
    saksbehandlerId: row.saksbehandlerId,
    administrativEnhetId: row.administrativEnhetId,
    journalstatus: row.journalstatus,
    journalposttype: row.journalposttype,
    sak: { saksansvarligId: row.sakSaksansvarligId, administrativEnhetId: row.sakEnhetId },
    interneMottakerIds: parter.filter((p) => p.korrespondanseparttype === 'IM' && p.brukerId).map((p) => p.brukerId!),
  };

  const dokumenter = children.dokumenter
    .filter((d) => d.journalpostId === row.systemId)
    .map((d) => {
      // A document inherits its journalpost's (effective) grading unless it has its own.
      const docSkjult = children.dokumentSkjult?.get(d.systemId) ?? dokumentSkjult(actor, row, d);
      return {
        systemId: d.systemId,
        journalpostId: d.journalpostId,
        dokumentnummer: d.dokumentnummer,
        tilknyttetRegistreringSom: d.tilknyttetRegistreringSom,
        dokumenttype: d.dokumenttype,
        dokumentstatus: d.dokumentstatus,
        tittel: docSkjult ? SKJERMET_TEKST : d.tittel,
        skjerming: skjermingOf(d),
        publiseres: d.publiseres,
        skjermet: docSkjult,
        versjoner: docSkjult ? [] : presentVersjoner(children.versjoner, d.systemId),
      };
    });

  return {
    systemId: row.systemId,
    sakId: row.sakId,
    saksnummer: row.saksnummer,
    dokumentnummer: row.dokumentnummer,
    registreringsId: formatRegistreringsId(row.saksaar, row.sakssekvensnummer, row.dokumentnummer),
    journalnummer: formatJournalnummer(row.journalaar, row.journalsekvensnummer),
    journalaar: row.journalaar,
    journalsekvensnummer: row.journalsekvensnummer,
    journalposttype: row.journalposttype,
    journalstatus: row.journalstatus,
    laast: isLocked(row.journalstatus),
    delegertVedtak: row.delegertVedtak,
    tittel: visTittel(row.tittel, ord, nivaa),
    tittel2: visTittel2(row.tittel2, ord, nivaa),
    offentligTittel: offentligTittel(row.tittel, row.tittel2, (skjerming !== null && skjerming.skjermingsnivaa >= 2) || utkastSkjult, ord),
    skjermedeOrd: nivaa > 0 ? [] : row.skjermedeOrd,
    beskrivelse: hide.tittel2 ? null : row.beskrivelse,
    dokumentdato: row.dokumentdato,
    journaldato: row.journaldato,
    mottattDato: iso(row.mottattDato),
    sendtDato: iso(row.sendtDato),
    forfallsdato: row.forfallsdato,
    saksbehandler: { systemId: row.saksbehandlerId, brukernavn: row.saksbehandlerBrukernavn, navn: row.saksbehandlerNavn },
    administrativEnhet: { systemId: row.administrativEnhetId, kode: row.enhetKode, navn: row.enhetNavn },
    skjerming,
    skjermingKilde: kilde,
    trengerOffentlighetsvurdering: skjerming?.tilgangskode === 'XX' && row.offentlighetsvurdertDato === null,
    korrespondanseparterSkjermet: hide.parterEllerKlassering,
    korrespondanseparter: hide.parterEllerKlassering
      ? []
      : parter.map(({ journalpostId: _jp, rekkefolge: _r, ...p }) => p),
    dokumenter,
    merknader: children.merknader
      .filter((m) => m.journalpostId === row.systemId && !utkastSkjult)
      .map((m) => ({
        systemId: m.systemId,
        merknadstype: m.merknadstype,
        // Free text that elaborates the record, screened with title line 2 (SKJERMINGSDELER).
        merknadstekst: hide.tittel2 ? SKJERMET_TEKST : m.merknadstekst,
        merknadsdato: m.merknadsdato.toISOString(),
        registrertAv: { systemId: m.registrertAvId, brukernavn: m.brukernavn, navn: m.navn },
      })),
    opprettetDato: row.opprettetDato.toISOString(),
    restanse: harRestanse(row, avskrivninger),
    avskrivninger: (utkastSkjult ? [] : avskrivninger).map((a) => ({
      systemId: a.systemId,
      avskrivningsmaate: a.avskrivningsmaate,
      avskrivningsdato: iso(a.avskrivningsdato),
      ventende: a.ventende,
      merknad: a.merknad === null ? null : hide.tittel2 ? SKJERMET_TEKST : a.merknad,
      svarJournalpostId: a.svarJournalpostId,
      avskrevetAv: { systemId: a.avskrevetAvId, brukernavn: a.brukernavn, navn: a.navn },
    })),
    abilities: medSkjermOrd(journalpostAbilities(actor, policyInput), nivaa, utgaaendeSkjult(hide.parterEllerKlassering, dokumenter.map((d) => d.skjermet))),
    versjon: row.versjon,
  };
}
