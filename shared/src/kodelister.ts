/**
 * Noark 5 code lists as the municipality's manual defines them (DOMAIN.md §2).
 * Each list is one `as const` array; its code type is derived from it, and every
 * caller (database checks, API schemas, UI) reads the same array.
 */

export interface Kode<C extends string = string> {
  readonly kode: C;
  readonly navn: string;
}

const codesOf = <T extends readonly { kode: string }[]>(list: T) =>
  list.map((k) => k.kode) as { [K in keyof T]: T[K] extends { kode: infer C } ? C : never };

/** Dokumenttype (journalposttype), manual §5. */
export const JOURNALPOSTTYPER = [
  { kode: 'I', navn: 'Inngående dokument', restanse: 'alltid' },
  { kode: 'U', navn: 'Utgående dokument', restanse: 'ved_forfallsdato' },
  { kode: 'N', navn: 'Organinternt notat med oppfølging', restanse: 'alltid' },
  { kode: 'X', navn: 'Organinternt notat uten oppfølging', restanse: 'aldri' },
  { kode: 'S', navn: 'Saksframlegg', restanse: 'aldri' },
] as const;
export type Journalposttype = (typeof JOURNALPOSTTYPER)[number]['kode'];
export const JOURNALPOSTTYPE_KODER = codesOf(JOURNALPOSTTYPER);

/** Journalstatus, manual §5 (A named in §12.6). */
export const JOURNALSTATUSER = [
  { kode: 'R', navn: 'Reservert', laast: false },
  { kode: 'S', navn: 'Registrert av saksbehandler', laast: false },
  { kode: 'F', navn: 'Ferdigstilt', laast: true },
  { kode: 'E', navn: 'Ekspedert', laast: true },
  { kode: 'J', navn: 'Journalført', laast: true },
  { kode: 'A', navn: 'Arkivert', laast: true },
] as const;
export type Journalstatus = (typeof JOURNALSTATUSER)[number]['kode'];
export const JOURNALSTATUS_KODER = codesOf(JOURNALSTATUSER);

/** Saksstatus, manual §5. */
export const SAKSSTATUSER = [
  { kode: 'R', navn: 'Reservert' },
  { kode: 'B', navn: 'Behandles' },
  { kode: 'A', navn: 'Avsluttet' },
  { kode: 'U', navn: 'Utgår' },
  { kode: 'X', navn: 'Ingen oppfølging' },
] as const;
export type Saksstatus = (typeof SAKSSTATUSER)[number]['kode'];
export const SAKSSTATUS_KODER = codesOf(SAKSSTATUSER);

/**
 * Avskrivningsmåte, manual §5: which dokumenttyper each code may avskrive, and the dokumenttype
 * of the reply the code names (BU an outgoing letter, BI an incoming one, BX an X-notat, NX an
 * N-notat): such a code needs that reply, so "document and its answer" can be found again (§10.2).
 */
export const AVSKRIVNINGSMAATER = [
  { kode: '***', navn: 'Midlertidig svar sendt', gjelder: ['I', 'U', 'N'], fjernerRestanse: false, krevMerknad: false, svar: null },
  { kode: 'BI', navn: 'Besvart med inngående brev', gjelder: ['U'], fjernerRestanse: true, krevMerknad: false, svar: 'I' },
  { kode: 'BU', navn: 'Besvart med utgående brev', gjelder: ['I'], fjernerRestanse: true, krevMerknad: false, svar: 'U' },
  { kode: 'BX', navn: 'Besvart med X-notat', gjelder: ['N'], fjernerRestanse: true, krevMerknad: false, svar: 'X' },
  { kode: 'NX', navn: 'Besvart med N-notat', gjelder: ['N'], fjernerRestanse: true, krevMerknad: false, svar: 'N' },
  { kode: 'TE', navn: 'Tatt til etterretning', gjelder: ['I', 'U', 'N'], fjernerRestanse: true, krevMerknad: false, svar: null },
  { kode: 'TLF', navn: 'Besvart med telefon', gjelder: ['I', 'U', 'N'], fjernerRestanse: true, krevMerknad: true, svar: null },
  { kode: 'BSS', navn: 'Behandlet og besvart i Startsak', gjelder: ['I', 'U', 'N', 'X'], fjernerRestanse: true, krevMerknad: false, svar: null },
  { kode: 'BB', navn: 'Besvart ved befaring', gjelder: ['I', 'U', 'N', 'X'], fjernerRestanse: true, krevMerknad: false, svar: null },
  { kode: 'BM', navn: 'Besvart muntlig', gjelder: ['I', 'U', 'N', 'X'], fjernerRestanse: true, krevMerknad: false, svar: null },
  { kode: 'BS', navn: 'Besvart med utsendelse av skjema', gjelder: ['I', 'N'], fjernerRestanse: true, krevMerknad: false, svar: null },
  { kode: 'EP', navn: 'Besvart per epost', gjelder: ['I', 'U', 'N', 'X'], fjernerRestanse: true, krevMerknad: false, svar: null },
  { kode: 'BV', navn: 'Besvart med vedtak', gjelder: ['I', 'U', 'N', 'X'], fjernerRestanse: true, krevMerknad: false, svar: null },
] as const satisfies readonly {
  kode: string;
  navn: string;
  gjelder: readonly Journalposttype[];
  fjernerRestanse: boolean;
  krevMerknad: boolean;
  svar: Journalposttype | null;
}[];
export type Avskrivningsmaate = (typeof AVSKRIVNINGSMAATER)[number]['kode'];
export const AVSKRIVNINGSMAATE_KODER = codesOf(AVSKRIVNINGSMAATER);

/** Tilgangskode, manual §8. */
export const TILGANGSKODER = [
  { kode: 'IS', navn: 'Intern skjerming' },
  { kode: 'U', navn: 'Unntatt offentlighet' },
  { kode: 'P', navn: 'Personalmappe' },
  { kode: 'P1', navn: 'Unntatt offentlighet pers.mapper Dok.senter' },
  { kode: 'E', navn: 'Elevmappe' },
  { kode: 'S', navn: 'SLT' },
  { kode: 'XX', navn: 'Midlertidig skjermet (ikke offentlighetsvurdert)' },
] as const;
export type Tilgangskode = (typeof TILGANGSKODER)[number]['kode'];
export const TILGANGSKODE_KODER = codesOf(TILGANGSKODER);

/** Skjermingsnivå, manual §8: each level includes the ones below it. */
export const SKJERMINGSNIVAAER = [
  { kode: 1, navn: 'Dokumentene skjermes' },
  { kode: 2, navn: 'Dokumentene og tittel linje 2 skjermes' },
  { kode: 3, navn: 'Dokumentene, tittel linje 2 og avsender/mottaker (klassering på sak) skjermes' },
] as const;
export type Skjermingsnivaa = (typeof SKJERMINGSNIVAAER)[number]['kode'];
export const SKJERMINGSNIVAA_KODER = SKJERMINGSNIVAAER.map((n) => n.kode) as Skjermingsnivaa[];

/** Sakstype, manual §9. */
export const SAKSTYPER = [
  { kode: 'BHG', navn: 'Barnehage' },
  { kode: 'BS', navn: 'Byggesak' },
  { kode: 'DS', navn: 'Delingssak' },
  { kode: 'ELEV', navn: 'Elevsaker' },
  { kode: 'ES', navn: 'Enkel sak' },
  { kode: 'GS', navn: 'Generell sak' },
  { kode: 'PERS', navn: 'Personalsaker' },
  { kode: 'PS', navn: 'Plan- og reguleringssaker' },
  { kode: 'RS', navn: 'Reguleringssaker' },
  { kode: 'SFO', navn: 'Skolefritidsordning' },
  { kode: 'ST', navn: 'Startlån, gjeldsrådgiving, boligtilskudd' },
] as const;
export type Sakstype = (typeof SAKSTYPER)[number]['kode'];
export const SAKSTYPE_KODER = codesOf(SAKSTYPER);

/** Committee item types (WebSak Møte, §10.5.2): not to be confused with sakstype. */
export const UTVALGSSAKSTYPER = [
  { kode: 'PS', navn: 'Politisk sak' },
  { kode: 'DS', navn: 'Delegert sak' },
  { kode: 'RS', navn: 'Referatsak' },
] as const;
export type Utvalgssakstype = (typeof UTVALGSSAKSTYPER)[number]['kode'];
export const UTVALGSSAKSTYPE_KODER = codesOf(UTVALGSSAKSTYPER);

/** Oppgavetype, manual §12.1, with the answers each type takes (§11.2; the others our choice). */
export const OPPGAVETYPER = [
  { kode: 'UTTALELSE', navn: 'Til uttalelse', svar: ['Uttalelse gitt', 'Ingen merknader'] },
  { kode: 'GODKJENNING', navn: 'Til godkjenning', svar: ['Ikke godkjent', 'Videresendt for godkjenning', 'Godkjent'] },
  { kode: 'DOKUMENTSENTER', navn: 'Beskjed til dokumentsenteret', svar: ['Utført', 'Ikke utført'] },
  { kode: 'BESKJED', navn: 'Beskjed', svar: [] },
  { kode: 'INTERN_KOPI', navn: 'Intern kopi', svar: [] },
  { kode: 'AVSLUTT_SAK', navn: 'Avslutt sak', svar: ['Sak avsluttet', 'Ikke avsluttet'] },
] as const;
export type Oppgavetype = (typeof OPPGAVETYPER)[number]['kode'];
export const OPPGAVETYPE_KODER = codesOf(OPPGAVETYPER);

/** Roles, manual §6 (SA is per sak; as a role it marks a user who usually holds saker). */
export const ROLLER = [
  { kode: 'SBH', navn: 'Saksbehandler' },
  { kode: 'SA', navn: 'Saksansvarlig' },
  { kode: 'LED', navn: 'Leder' },
  { kode: 'ARK', navn: 'Arkivansvarlig / arkivpersonale' },
  { kode: 'DOK', navn: 'Dokumentsenter' },
  { kode: 'SYS', navn: 'Systemansvarlig' },
] as const;
export type Rolle = (typeof ROLLER)[number]['kode'];
export const ROLLE_KODER = codesOf(ROLLER);

/** Korrespondanseparttype, Noark 5 (external and internal parties). */
export const KORRESPONDANSEPARTTYPER = [
  { kode: 'EA', navn: 'Avsender', intern: false },
  { kode: 'EM', navn: 'Mottaker', intern: false },
  { kode: 'EK', navn: 'Kopimottaker', intern: false },
  { kode: 'IA', navn: 'Intern avsender', intern: true },
  { kode: 'IM', navn: 'Intern mottaker', intern: true },
  { kode: 'IK', navn: 'Intern kopimottaker', intern: true },
] as const;
export type Korrespondanseparttype = (typeof KORRESPONDANSEPARTTYPER)[number]['kode'];
export const KORRESPONDANSEPARTTYPE_KODER = codesOf(KORRESPONDANSEPARTTYPER);

/** Tilknyttet registrering som (Noark 5): hoveddokument or vedlegg. */
export const TILKNYTNINGER = [
  { kode: 'H', navn: 'Hoveddokument' },
  { kode: 'V', navn: 'Vedlegg' },
] as const;
export type Tilknytning = (typeof TILKNYTNINGER)[number]['kode'];
export const TILKNYTNING_KODER = codesOf(TILKNYTNINGER);

/** Variantformat (Noark 5): produksjon, arkiv (PDF/A), offentlig (screened copy). */
export const VARIANTFORMATER = [
  { kode: 'P', navn: 'Produksjonsformat' },
  { kode: 'A', navn: 'Arkivformat' },
  { kode: 'O', navn: 'Dokument hvor deler av innholdet er skjermet' },
] as const;
export type Variantformat = (typeof VARIANTFORMATER)[number]['kode'];
export const VARIANTFORMAT_KODER = codesOf(VARIANTFORMATER);

/** Merknadstype: formell (grey, kept) and uformell (yellow, deleted at journalføring, §5). */
export const MERKNADSTYPER = [
  { kode: 'FORMELL', navn: 'Formell merknad' },
  { kode: 'UFORMELL', navn: 'Uformell merknad' },
] as const;
export type Merknadstype = (typeof MERKNADSTYPER)[number]['kode'];
export const MERKNADSTYPE_KODER = codesOf(MERKNADSTYPER);

/** All code lists, as served at GET /api/kodelister. */
export const KODELISTER = {
  journalposttype: JOURNALPOSTTYPER,
  journalstatus: JOURNALSTATUSER,
  saksstatus: SAKSSTATUSER,
  avskrivningsmaate: AVSKRIVNINGSMAATER,
  tilgangskode: TILGANGSKODER,
  skjermingsnivaa: SKJERMINGSNIVAAER,
  sakstype: SAKSTYPER,
  utvalgssakstype: UTVALGSSAKSTYPER,
  oppgavetype: OPPGAVETYPER,
  rolle: ROLLER,
  korrespondanseparttype: KORRESPONDANSEPARTTYPER,
  tilknytning: TILKNYTNINGER,
  variantformat: VARIANTFORMATER,
  merknadstype: MERKNADSTYPER,
} as const;

/** Avskrivningsmåter a journalposttype accepts (X only the general ones; S none). */
export function avskrivningsmaaterFor(type: Journalposttype): readonly Avskrivningsmaate[] {
  return AVSKRIVNINGSMAATER.filter((m) => (m.gjelder as readonly string[]).includes(type)).map((m) => m.kode);
}
