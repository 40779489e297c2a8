/**
 * How a Noark 5 v5.0 arkivstruktur export maps onto the database, element by element.
 * The test beside this file reads the official arkivstruktur.xsd and checks that every element
 * of every mapped complexType is accounted for, and that every named column and table exists.
 *
 * - a string: the column in the type's table that holds the element
 * - `{ ref }`: held in another table's column (a relation or a lookup), `table.column`
 * - `{ child }`: the nested element is a row in that table
 * - `{ tillegg }`: kept verbatim in the table's `noark_tillegg` jsonb (no behaviour attached yet)
 */
export type ElementMapping = string | { readonly ref: string } | { readonly child: string } | { readonly tillegg: true };

export interface TypeMapping {
  readonly table: string;
  readonly elements: Readonly<Record<string, ElementMapping>>;
}

const tillegg = { tillegg: true } as const;

export const ARKIVSTRUKTUR_MAPPING: Readonly<Record<string, TypeMapping>> = {
  arkiv: {
    table: 'arkiv',
    elements: {
      systemID: 'system_id',
      tittel: 'tittel',
      beskrivelse: 'beskrivelse',
      arkivstatus: 'arkivstatus',
      dokumentmedium: 'dokumentmedium',
      oppbevaringssted: 'oppbevaringssted',
      opprettetDato: 'opprettet_dato',
      opprettetAv: 'opprettet_av',
      avsluttetDato: 'avsluttet_dato',
      avsluttetAv: 'avsluttet_av',
      arkivskaper: 'arkivskaper_id',
      arkiv: tillegg, // sub-archives: the municipality has one arkiv
      arkivdel: { child: 'arkivdel' },
    },
  },
  arkivskaper: {
    table: 'arkiv',
    elements: { arkivskaperID: 'arkivskaper_id', arkivskaperNavn: 'arkivskaper_navn', beskrivelse: tillegg },
  },
  arkivdel: {
    table: 'arkivdel',
    elements: {
      systemID: 'system_id',
      tittel: 'tittel',
      beskrivelse: 'beskrivelse',
      arkivdelstatus: 'arkivdelstatus',
      dokumentmedium: 'dokumentmedium',
      oppbevaringssted: tillegg,
      opprettetDato: 'opprettet_dato',
      opprettetAv: 'opprettet_av',
      avsluttetDato: 'avsluttet_dato',
      avsluttetAv: 'avsluttet_av',
      arkivperiodeStartDato: 'arkivperiode_start_dato',
      arkivperiodeSluttDato: 'arkivperiode_slutt_dato',
      referanseForloeper: tillegg,
      referanseArvtaker: tillegg,
      kassasjon: tillegg,
      utfoertKassasjon: tillegg,
      sletting: tillegg,
      skjerming: tillegg,
      gradering: tillegg,
      klassifikasjonssystem: 'klassifikasjonssystem_id',
      mappe: { child: 'sak' },
      registrering: { child: 'journalpost' },
    },
  },
  klassifikasjonssystem: {
    table: 'klassifikasjonssystem',
    elements: {
      systemID: 'system_id',
      klassifikasjonstype: 'klassifikasjonstype',
      tittel: 'tittel',
      beskrivelse: 'beskrivelse',
      opprettetDato: 'opprettet_dato',
      opprettetAv: 'opprettet_av',
      avsluttetDato: 'avsluttet_dato',
      avsluttetAv: 'avsluttet_av',
      klasse: { child: 'klasse' },
    },
  },
  klasse: {
    table: 'klasse',
    elements: {
      systemID: 'system_id',
      klasseID: 'klasse_id',
      tittel: 'tittel',
      beskrivelse: 'beskrivelse',
      noekkelord: 'noekkelord',
      opprettetDato: 'opprettet_dato',
      opprettetAv: 'opprettet_av',
      avsluttetDato: 'avsluttet_dato',
      avsluttetAv: 'avsluttet_av',
      kryssreferanse: tillegg,
      kassasjon: tillegg,
      skjerming: tillegg,
      gradering: tillegg,
      klasse: 'overordnet_klasse_id',
      mappe: { ref: 'sak.klasse_id' },
      registrering: tillegg, // registreringer directly under a klasse are not used by the municipality
    },
  },
  mappe: {
    table: 'sak',
    elements: {
      systemID: 'system_id',
      mappeID: 'mappe_id',
      tittel: 'tittel', // with tittel2 appended (line 2) on export
      offentligTittel: 'tittel', // derived: line 1, screened parts as *****
      beskrivelse: 'beskrivelse',
      noekkelord: 'noekkelord',
      dokumentmedium: 'dokumentmedium',
      oppbevaringssted: tillegg,
      opprettetDato: 'opprettet_dato',
      opprettetAv: 'opprettet_av_id',
      avsluttetDato: 'avsluttet_dato',
      avsluttetAv: 'avsluttet_av_id',
      referanseArkivdel: 'arkivdel_id',
      virksomhetsspesifikkeMetadata: 'noark_tillegg',
      part: tillegg,
      kryssreferanse: { child: 'kryssreferanse' },
      merknad: { child: 'merknad' },
      kassasjon: tillegg,
      skjerming: 'tilgangskode',
      gradering: tillegg,
      mappe: tillegg,
      registrering: { child: 'journalpost' },
    },
  },
  saksmappe: {
    table: 'sak',
    elements: {
      saksaar: 'saksaar',
      sakssekvensnummer: 'sakssekvensnummer',
      saksdato: 'saksdato',
      administrativEnhet: 'administrativ_enhet_id',
      saksansvarlig: 'saksansvarlig_id',
      journalenhet: tillegg,
      saksstatus: 'saksstatus',
      utlaantDato: tillegg,
      utlaantTil: tillegg,
      referanseSekundaerKlassifikasjon: { child: 'sak_sekundaerklasse' },
      presedens: tillegg,
    },
  },
  registrering: {
    table: 'journalpost',
    elements: {
      systemID: 'system_id',
      opprettetDato: 'opprettet_dato',
      opprettetAv: 'opprettet_av_id',
      arkivertDato: 'arkivert_dato',
      arkivertAv: 'arkivert_av_id',
      referanseArkivdel: { ref: 'sak.arkivdel_id' },
      part: tillegg,
      kassasjon: tillegg,
      skjerming: 'tilgangskode',
      gradering: tillegg,
      dokumentbeskrivelse: { child: 'dokumentbeskrivelse' },
      registreringsID: 'dokumentnummer', // exported as saksår/sekvensnummer-dokumentnummer
      tittel: 'tittel',
      offentligTittel: 'tittel',
      beskrivelse: 'beskrivelse',
      noekkelord: tillegg,
      forfatter: tillegg,
      dokumentmedium: tillegg,
      oppbevaringssted: tillegg,
      virksomhetsspesifikkeMetadata: 'noark_tillegg',
      merknad: { child: 'merknad' },
      kryssreferanse: { child: 'kryssreferanse' },
      korrespondansepart: { child: 'korrespondansepart' },
    },
  },
  journalpost: {
    table: 'journalpost',
    elements: {
      journalaar: 'journalaar',
      journalsekvensnummer: 'journalsekvensnummer',
      journalpostnummer: 'dokumentnummer',
      journalposttype: 'journalposttype',
      journalstatus: 'journalstatus',
      journaldato: 'journaldato',
      dokumentetsDato: 'dokumentdato',
      mottattDato: 'mottatt_dato',
      sendtDato: 'sendt_dato',
      forfallsdato: 'forfallsdato',
      offentlighetsvurdertDato: 'offentlighetsvurdert_dato',
      antallVedlegg: { ref: 'dokumentbeskrivelse.tilknyttet_registrering_som' }, // counted
      utlaantDato: tillegg,
      utlaantTil: tillegg,
      journalenhet: 'administrativ_enhet_id',
      avskrivning: tillegg,
      dokumentflyt: tillegg,
      presedens: tillegg,
      elektroniskSignatur: tillegg,
    },
  },
  korrespondansepart: {
    table: 'korrespondansepart',
    elements: {
      korrespondanseparttype: 'korrespondanseparttype',
      korrespondansepartNavn: 'navn',
      postadresse: 'postadresse',
      postnummer: 'postnummer',
      poststed: 'poststed',
      land: 'land',
      epostadresse: 'epostadresse',
      telefonnummer: 'telefonnummer',
      kontaktperson: 'kontaktperson',
      administrativEnhet: 'enhet_id',
      saksbehandler: 'bruker_id',
    },
  },
  dokumentbeskrivelse: {
    table: 'dokumentbeskrivelse',
    elements: {
      systemID: 'system_id',
      dokumenttype: 'dokumenttype',
      dokumentstatus: 'dokumentstatus',
      tittel: 'tittel',
      beskrivelse: 'beskrivelse',
      forfatter: 'forfatter',
      opprettetDato: 'opprettet_dato',
      opprettetAv: 'opprettet_av_id',
      dokumentmedium: tillegg,
      oppbevaringssted: tillegg,
      referanseArkivdel: { ref: 'sak.arkivdel_id' },
      tilknyttetRegistreringSom: 'tilknyttet_registrering_som',
      dokumentnummer: 'dokumentnummer',
      tilknyttetDato: 'tilknyttet_dato',
      tilknyttetAv: 'opprettet_av_id',
      part: tillegg,
      merknad: { child: 'merknad' },
      kassasjon: tillegg,
      utfoertKassasjon: tillegg,
      sletting: tillegg,
      skjerming: 'tilgangskode',
      gradering: tillegg,
      elektroniskSignatur: tillegg,
      dokumentobjekt: { child: 'dokumentversjon' },
    },
  },
  dokumentobjekt: {
    table: 'dokumentversjon',
    elements: {
      systemID: 'system_id',
      versjonsnummer: 'versjonsnummer',
      variantformat: 'variantformat',
      format: 'format',
      formatDetaljer: 'format_detaljer',
      opprettetDato: 'opprettet_dato',
      opprettetAv: 'opprettet_av_id',
      referanseDokumentfil: 'sjekksum', // the content-addressed blob
      sjekksum: 'sjekksum',
      sjekksumAlgoritme: 'sjekksum_algoritme',
      filstoerrelse: 'filstoerrelse',
      elektroniskSignatur: tillegg,
      konvertering: tillegg,
    },
  },
  merknad: {
    table: 'merknad',
    elements: { merknadstekst: 'merknadstekst', merknadstype: 'merknadstype', merknadsdato: 'merknadsdato', merknadRegistrertAv: 'registrert_av_id' },
  },
  kryssreferanse: {
    table: 'kryssreferanse',
    elements: { referanseTilKlasse: tillegg, referanseTilMappe: 'til_sak_id', referanseTilRegistrering: 'til_journalpost_id' },
  },
  skjerming: {
    table: 'journalpost',
    elements: {
      tilgangsrestriksjon: 'tilgangskode',
      skjermingshjemmel: 'skjermingshjemmel',
      skjermingMetadata: 'skjermingsnivaa', // level 2 screens tittel line 2, level 3 also parties / klassering
      skjermingDokument: 'skjermingsnivaa', // level ≥ 1 screens the documents
      skjermingsvarighet: tillegg,
      skjermingOpphoererDato: tillegg,
    },
  },
};
