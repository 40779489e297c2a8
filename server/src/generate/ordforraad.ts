/**
 * The words a generated archive is written with: Norwegian names, places and the kinds of
 * matter a municipality registers, so titles, parties and search read like a real journal.
 */
export const FORNAVN = ['Ingrid', 'Ola', 'Kari', 'Per', 'Anne', 'Jon', 'Marit', 'Lars', 'Nora', 'Emil', 'Sigrid', 'Håkon', 'Astrid', 'Bjørn', 'Solveig', 'Knut', 'Liv', 'Erik', 'Hilde', 'Magnus', 'Ragnhild', 'Sondre', 'Tone', 'Øystein', 'Åse', 'Vegard', 'Silje', 'Torbjørn', 'Kristin', 'Eirik'];
export const ETTERNAVN = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Haugen', 'Berg', 'Dahl', 'Lie', 'Bakken', 'Strand', 'Solberg', 'Moen', 'Eide', 'Lunde', 'Holm', 'Aasen', 'Sæther', 'Fjeld', 'Vik'];
export const GATER = ['Storgata', 'Kirkeveien', 'Fjordveien', 'Skolegata', 'Havnegata', 'Bakkeveien', 'Solbergveien', 'Elvegata', 'Torget', 'Industriveien', 'Strandvegen', 'Furulia', 'Kongens gate', 'Nordre ring', 'Sjøgata'];
export const STEDER = ['Fjordvik sentrum', 'Nordbygda', 'Sandvika', 'Holmen', 'Øvre Dal', 'Havnebyen', 'Lia', 'Skogheim', 'Brekke', 'Vestre Fjord'];
export const VIRKSOMHETER = ['Fjordvik Bygg AS', 'Statens vegvesen', 'Statsforvalteren i Vestland', 'NAV Fjordvik', 'Norconsult AS', 'Fjordvik idrettslag', 'Mattilsynet', 'Kartverket', 'Skatteetaten', 'Fjordvik Elektro AS', 'Helse Vest RHF', 'Fjordvik Energi AS', 'Arkitektkontoret Nord AS', 'Fjordvik historielag', 'Utdanningsdirektoratet'];
export const POSTSTEDER = ['5800 Fjordvik', '5801 Fjordvik', '5810 Nordbygda', '5820 Sandvika', '5830 Holmen'];

/** Per sakstype: what a sak of that kind is about (the sak title is built around it). */
export const SAKSEMNER: Record<string, readonly string[]> = {
  BS: ['Søknad om tilbygg', 'Søknad om garasje', 'Bruksendring', 'Deling av eiendom', 'Oppføring av enebolig', 'Riving av uthus', 'Terrasse og levegg', 'Dispensasjon fra reguleringsplan'],
  PS: ['Reguleringsplan', 'Oppgradering', 'Budsjettjustering', 'Kommunedelplan', 'Trafikksikkerhetsplan', 'Navnesak'],
  DS: ['Skjenkebevilling', 'Tildeling av tilskudd', 'Parkeringstillatelse', 'Serveringsbevilling', 'Startlån'],
  RS: ['Referat fra eldrerådet', 'Årsmelding', 'Tilsynsrapport', 'Referat fra ungdomsrådet'],
  GS: ['Henvendelse om brøyting', 'Vannlekkasje', 'Gatelys', 'Kommunale avgifter', 'Tilskudd til kulturarrangement', 'Innkjøp av utstyr', 'Avtale om vedlikehold', 'Klage på støy'],
  ES: ['Tilsyn med eiendom', 'Eiendomsskatt', 'Adressetildeling', 'Matrikkelføring'],
  ST: ['Statistikkrapportering', 'Kostra-rapportering', 'Brukerundersøkelse'],
  PERS: ['Personalmappe', 'Ansettelse', 'Permisjon', 'Sykefraværsoppfølging'],
  ELEV: ['Elevmappe', 'Spesialundervisning', 'Skoleskyss', 'Fritak fra opplæring'],
  BHG: ['Barnehageplass', 'Redusert foreldrebetaling', 'Spesialpedagogisk hjelp'],
  SFO: ['SFO-plass', 'Redusert betaling SFO'],
};
export const SAKSTYPER = ['BS', 'PS', 'DS', 'RS', 'GS', 'ES', 'ST', 'PERS', 'ELEV', 'BHG', 'SFO'] as const;
/** Share of saker per sakstype (the same order), summing to 100. */
export const SAKSTYPE_ANDEL = [22, 6, 8, 3, 40, 12, 3, 2, 2, 1, 1];
/** Sakstyper about a person: screened (tilgangskode P, offl. § 13) as the archive does by default. */
export const PERSONSAKER = ['PERS', 'ELEV', 'BHG', 'SFO'];

export const INNGAAENDE = ['Søknad om', 'Klage på vedtak om', 'Henvendelse om', 'Innsyn i', 'Uttalelse til', 'Melding om', 'Purring -', 'Tilleggsopplysninger til'];
export const UTGAAENDE = ['Vedtak -', 'Svar på henvendelse om', 'Foreløpig svar -', 'Tillatelse til', 'Avslag på søknad om', 'Innkalling til møte om', 'Varsel om'];
export const NOTATER = ['Notat om', 'Intern vurdering -', 'Orientering om', 'Avklaring av'];
export const ARKIVNOTATER = ['Referat fra møte om', 'Telefonnotat -', 'Notat til arkivet -'];
export const SAKSFRAMLEGG = ['Saksframlegg -', 'Innstilling -'];

/**
 * Sentences a generated document's text is written with (the text the extraction job would
 * have stored). The last few are rare, so a search finds a word that is only in documents.
 */
export const DOKUMENTSETNINGER = [
  'Vi viser til henvendelsen og takker for opplysningene.',
  'Saken vil bli behandlet så snart som mulig, og senest innen fristen.',
  'Vedlagt følger tegninger, situasjonsplan og nabovarsel.',
  'Kommunen har vurdert saken etter plan- og bygningsloven og forvaltningsloven.',
  'Klagefristen er tre uker fra dette brevet er mottatt.',
  'Eventuelle spørsmål kan rettes til saksbehandler på telefon eller e-post.',
  'Tiltaket er i samsvar med gjeldende reguleringsplan for området.',
  'Det er ikke kommet merknader fra naboer eller andre berørte parter.',
  'Gebyr for behandlingen faktureres særskilt etter kommunens gebyrregulativ.',
  'Vedtaket er fattet med hjemmel i delegeringsreglementet.',
  'Dokumentasjonen er mangelfull, og vi ber om tilleggsopplysninger.',
  'Møtet holdes i rådhuset, og innkalling med saksliste sendes ut på forhånd.',
  'Budsjettet for tiltaket er innarbeidet i økonomiplanen.',
  'Befaring på eiendommen ble gjennomført sammen med tiltakshaver.',
  'Det vises til tidligere korrespondanse i saken.',
  'Radonmåling i kjelleren viste verdier under tiltaksgrensen.',
  'Geoteknisk vurdering av grunnforholdene er vedlagt.',
  'Kulturminnemyndigheten har ingen innvendinger mot tiltaket.',
];
