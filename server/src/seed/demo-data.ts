/** The demo municipality: units, one user per role, classes. */

export const DEMO_ENHETER = [
  { kode: 'KOM', navn: 'Fjordvik kommune', overordnet: null },
  { kode: 'PLAN', navn: 'Plan, bygg og geodata', overordnet: 'KOM' },
  { kode: 'OPPV', navn: 'Oppvekst og kultur', overordnet: 'KOM' },
  { kode: 'HR', navn: 'Personal og organisasjon', overordnet: 'KOM' },
  { kode: 'DOKS', navn: 'Dokumentsenteret', overordnet: 'KOM' },
] as const;

/** [unit, role] pairs and [tilgangskode, unit|null (all units)] authorizations. */
export const DEMO_BRUKERE = [
  { brukernavn: 'ola', navn: 'Ola Nordmann', epost: 'ola.nordmann@fjordvik.kommune.example', roller: [['PLAN', 'SBH']], tilganger: [] },
  { brukernavn: 'kari', navn: 'Kari Saksansvarlig', epost: 'kari.saksansvarlig@fjordvik.kommune.example', roller: [['PLAN', 'SBH'], ['PLAN', 'SA']], tilganger: [['U', 'PLAN']] },
  { brukernavn: 'lise', navn: 'Lise Leder', epost: 'lise.leder@fjordvik.kommune.example', roller: [['HR', 'LED'], ['PLAN', 'LED']], tilganger: [['IS', 'PLAN'], ['U', 'PLAN'], ['P', 'HR']] },
  { brukernavn: 'arne', navn: 'Arne Arkiv', epost: 'arne.arkiv@fjordvik.kommune.example', roller: [['DOKS', 'ARK']], tilganger: [['IS', null], ['U', null], ['P', null], ['P1', null], ['E', null], ['S', null], ['XX', null]] },
  { brukernavn: 'dina', navn: 'Dina Dokumentsenter', epost: 'dina.dokumentsenter@fjordvik.kommune.example', roller: [['DOKS', 'DOK']], tilganger: [['U', null], ['XX', null]] },
  { brukernavn: 'sven', navn: 'Sven Systemansvarlig', epost: 'sven.system@fjordvik.kommune.example', roller: [['KOM', 'SYS']], tilganger: [] },
] as const;

export const DEMO_KLASSER = [
  { klasseId: '223', tittel: 'Tilskudd' },
  { klasseId: 'L12', tittel: 'Reguleringsplaner' },
  { klasseId: 'L42', tittel: 'Byggesaker, tillatelser' },
  { klasseId: '400', tittel: 'Personalforvaltning' },
  { klasseId: 'B11', tittel: 'Barnehageopptak' },
] as const;
