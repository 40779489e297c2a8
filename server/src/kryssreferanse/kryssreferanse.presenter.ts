import { formatJournalnummer, formatRegistreringsId, type KryssreferanseListeT, type KryssreferanseViewT } from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import { journalpostKilde, type KildeForPolicy, kryssreferansePolicy, sakKilde } from '../policies/kryssreferanse.policy';
import { ender, type Ende, type KryssreferanseRow, type LoadedEnder } from './kryssreferanse.repository';

const sammen = (a: Ende, b: Ende) => a.type === b.type && a.id === b.id;

/** The other end as the list shows it: already redacted in SQL; null when it is not on any read path. */
function presentObjekt(e: Ende, loaded: LoadedEnder): KryssreferanseViewT['objekt'] | null {
  if (e.type === 'sak') {
    const s = loaded.saker.get(e.id);
    if (!s) return null;
    return {
      type: 'sak',
      systemId: s.systemId,
      sakId: s.systemId,
      nummer: s.mappeId,
      journalnummer: null,
      tittel: s.tittel,
      tittel2: s.tittel2,
      skjultNivaa: s.skjultNivaa,
      journalposttype: null,
      journalstatus: null,
      saksstatus: s.saksstatus,
    };
  }
  const j = loaded.journalposter.get(e.id);
  if (!j) return null;
  return {
    type: 'journalpost',
    systemId: j.systemId,
    sakId: j.sakId,
    nummer: formatRegistreringsId(j.saksaar, j.sakssekvensnummer, j.dokumentnummer),
    journalnummer: formatJournalnummer(j.journalaar, j.journalsekvensnummer),
    tittel: j.tittel,
    tittel2: j.tittel2,
    skjultNivaa: j.skjultNivaa,
    journalposttype: j.journalposttype,
    journalstatus: j.journalstatus,
    saksstatus: null,
  };
}

function kildeAv(e: Ende, loaded: LoadedEnder): KildeForPolicy | null {
  if (e.type === 'sak') {
    const s = loaded.saker.get(e.id);
    return s ? sakKilde(s) : null;
  }
  const j = loaded.journalposter.get(e.id);
  return j ? journalpostKilde(j) : null;
}

/**
 * One record's kryssreferanser in both directions. `selv` is the record's own policy input
 * (it is the source of the "refererer til" references); `fjern` is decided on each source.
 */
export function presentKryssreferanser(actor: Actor, ende: Ende, selv: KildeForPolicy, rows: readonly KryssreferanseRow[], loaded: LoadedEnder): KryssreferanseListeT {
  const out: KryssreferanseListeT = { refererer: [], referertFra: [] };
  for (const r of rows) {
    const { fra, til } = ender(r);
    const retning = sammen(fra, ende) ? 'til' : 'fra';
    const annen = retning === 'til' ? til : fra;
    const objekt = presentObjekt(annen, loaded);
    if (!objekt) continue;
    const kilde = retning === 'til' ? selv : kildeAv(fra, loaded);
    const view: KryssreferanseViewT = {
      systemId: r.systemId,
      retning,
      objekt,
      opprettetDato: r.opprettetDato.toISOString(),
      opprettetAv: { systemId: r.opprettetAvId, brukernavn: r.brukernavn, navn: r.navn },
      abilities: { fjern: kilde !== null && kryssreferansePolicy.fjern(actor, kilde) },
    };
    (retning === 'til' ? out.refererer : out.referertFra).push(view);
  }
  return out;
}
