import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import {
  type Endring,
  kanEndre,
  leggTilDager,
  type Journalstatus,
  type Journalposttype,
  type JournalpostCreate,
  type JournalpostHandling,
  type JournalpostUpdate,
  type MerknadCreate,
  type SkjermingInput,
  startstatus,
  transition,
} from '@arkiv/shared';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound, validation } from '../errors/app-error';
import { saksbehandlersEnhet } from '../enhet/enhet.repository';
import { appendHistorikk, diff } from '../historikk/historikk.repository';
import { foreloepigNummer, tildelJournalnummer } from '../nummerserie/nummerserie.repository';
import { journalpostPolicy, type JournalpostForPolicy } from '../policies/journalpost.policy';
import { aapenGodkjenning } from '../oppgave/oppgave.service';
import { erArkiv, erIEnhet, erMeg } from '../policies/predicates';
import { sakPolicy } from '../policies/sak.policy';
import { lockSak } from '../sak/sak.repository';
import { kontrollerSkjermedeOrd } from '../sak/skjermede-ord-kontroll';
import { lockJournalpost, replaceKorrespondanseparter } from './journalpost.repository';
import { skrivMerknadIn } from './merknad';
import { aktiverVentendeAvskrivninger } from '../restanse/avskriv';
import { aaret, dagen } from '../tid';
import { kontrollerVersjon } from '../errors/versjon';
import { restanseSql } from '../restanse/restanse.sql';


function skjermingColumns(s: SkjermingInput | null) {
  return {
    tilgangskode: s?.tilgangskode ?? null,
    skjermingsnivaa: s?.skjermingsnivaa ?? null,
    skjermingshjemmel: s?.skjermingshjemmel ?? null,
  };
}

/** Defaults from configuration: days from journaldato to forfallsdato per dokumenttype (§5). */
export interface JournalpostDefaults {
  readonly forfallsdager?: Partial<Record<Journalposttype, number>>;
}
/**
 * Mail nobody has assessed yet: the archive may register it as XX, screening
 * everything but title line 1 until the saksbehandler makes the offentlighetsvurdering
 * (the journalpost then reports trengerOffentlighetsvurdering).
 */
export const MIDLERTIDIG_SKJERMING: SkjermingInput = Object.freeze({ tilgangskode: 'XX', skjermingsnivaa: 3, skjermingshjemmel: 'Midlertidig skjermet, ikke offentlighetsvurdert' });

/** Creates a journalpost in a sak: next dokumentnummer in the sak, next journalnummer of the year. */
export async function createJournalpost(db: Kysely<DB>, actor: Actor, sakId: string, input: JournalpostCreate, now = new Date(), defaults: JournalpostDefaults = {}): Promise<string> {
  return db.transaction().execute((trx) => opprettJournalpost(trx, actor, sakId, input, now, defaults));
}

/** The transaction-level creation, for routines that create a journalpost as one step of more (§10.2.2). */
export async function opprettJournalpost(
  trx: Transaction<DB>,
  actor: Actor,
  sakId: string,
  input: JournalpostCreate,
  now: Date,
  defaults: JournalpostDefaults = {},
  /** §10.2.2: a reply to journalposter the caller has checked the actor has rights on. */
  opts: { svarPaaEgne?: boolean } = {},
): Promise<string> {
  {
    const sak = await lockSak(trx, sakId);
    if (!sak) throw notFound('Saken');
    if (!sakPolicy.addJournalpost(actor, sak) && !(opts.svarPaaEgne === true && sakPolicy.addSvar(actor, sak))) {
      if (sak.saksstatus === 'A' || sak.saksstatus === 'U') throw new AppError('sak_closed', `Saken har status ${sak.saksstatus}`);
      throw forbidden('Du kan ikke legge journalposter til denne saken');
    }
    const saksbehandlerId = input.saksbehandlerId ?? actor.bruker.systemId;
    let enhetId = input.administrativEnhetId ?? (erIEnhet(actor, sak.administrativEnhetId) ? sak.administrativEnhetId : actor.roller[0]?.enhetId) ?? sak.administrativEnhetId;
    if (saksbehandlerId !== actor.bruker.systemId) {
      const sb = await trx.selectFrom('bruker').select('systemId').where('systemId', '=', saksbehandlerId).where('aktiv', '=', true).executeTakeFirst();
      if (!sb) throw validation('/saksbehandlerId', 'ukjent eller inaktiv bruker');
      // The journalpost belongs to its saksbehandler's unit (the sak's when they work there), not the registrar's.
      if (!input.administrativEnhetId) {
        enhetId = (await saksbehandlersEnhet(trx, saksbehandlerId, [sak.administrativEnhetId])) ?? sak.administrativEnhetId;
      }
      // §3.1/§10.1: DOK/ARK assign anyone; others only a saksbehandler of the sak's unit.
      if (!erArkiv(actor)) {
        const iEnhet = await trx.selectFrom('brukerRolle').select('brukerId').where('brukerId', '=', saksbehandlerId).where('enhetId', '=', sak.administrativEnhetId).executeTakeFirst();
        if (!iEnhet) throw forbidden('Du kan bare gi journalposten til en saksbehandler i sakens enhet');
      }
    }
    if (input.administrativEnhetId) {
      const e = await trx.selectFrom('administrativEnhet').select('systemId').where('systemId', '=', input.administrativEnhetId).executeTakeFirst();
      if (!e) throw validation('/administrativEnhetId', 'ukjent administrativ enhet');
    }
    if (input.midlertidigSkjermet && !erArkiv(actor)) throw forbidden('Bare arkivet setter midlertidig skjerming (XX) ved registrering');
    if (input.midlertidigSkjermet && input.skjerming) throw validation('/midlertidigSkjermet', 'angi enten skjerming eller midlertidigSkjermet');
    const skjerming = input.midlertidigSkjermet ? MIDLERTIDIG_SKJERMING : (input.skjerming ?? null);
    const skjermedeOrd = input.skjermedeOrd?.length ? kontrollerSkjermedeOrd(input.skjermedeOrd, input.tittel, input.tittel2 ?? null, skjerming !== null || sak.tilgangskode !== null) : [];

    const { sisteDokumentnummer } = await trx
      .updateTable('sak')
      .set({ sisteDokumentnummer: sql`siste_dokumentnummer + 1`, oppdatertDato: now })
      .where('systemId', '=', sakId)
      .returning('sisteDokumentnummer')
      .executeTakeFirstOrThrow();
    const journalaar = aaret(now);
    const journalstatus = startstatus(input.journalposttype);
    const dager = defaults.forfallsdager?.[input.journalposttype];
    const forfallsdato = input.forfallsdato ?? (dager !== undefined && input.journalposttype !== 'X' && input.journalposttype !== 'S' ? leggTilDager(dagen(now), dager) : null);

    const jp = await trx
      .insertInto('journalpost')
      .values({
        sakId,
        dokumentnummer: sisteDokumentnummer,
        journalaar,
        // The journalnummer is taken last (tildelJournalnummer), just before commit.
        journalsekvensnummer: foreloepigNummer(),
        journalposttype: input.journalposttype,
        journalstatus,
        delegertVedtak: input.delegertVedtak ?? false,
        tittel: input.tittel.trim(),
        tittel2: input.tittel2?.trim() || null,
        beskrivelse: input.beskrivelse ?? null,
        dokumentdato: input.dokumentdato ?? null,
        journaldato: dagen(now),
        mottattDato: input.mottattDato ? new Date(input.mottattDato) : input.journalposttype === 'I' ? now : null,
        forfallsdato,
        saksbehandlerId,
        administrativEnhetId: enhetId,
        ...skjermingColumns(skjerming),
        skjermedeOrd,
        noarkTillegg: '{}',
        opprettetDato: now,
        opprettetAvId: actor.bruker.systemId,
        oppdatertDato: now,
      })
      .returning(['systemId'])
      .executeTakeFirstOrThrow();
    await replaceKorrespondanseparter(trx, jp.systemId, input.korrespondanseparter ?? [], { ny: true });
    await appendHistorikk(trx, actor, {
      handling: 'journalpost_opprettet',
      objekttype: 'journalpost',
      objektId: jp.systemId,
      sakId,
      journalpostId: jp.systemId,
      data: {
        journalposttype: input.journalposttype,
        journalstatus,
        tittel: input.tittel,
        dokumentnummer: sisteDokumentnummer,
        journalnummer: null,
        saksbehandlerId,
        forfallsdato,
        ...(skjermedeOrd.length ? { skjermedeOrd } : {}),
      },
    });
    // Last: the series row stays locked from here to the commit (one statement, no more).
    await tildelJournalnummer(trx, jp.systemId, journalaar);
    return jp.systemId;
  }
}

type Locked = NonNullable<Awaited<ReturnType<typeof lockJournalpost>>>;

export const forPolicy = (jp: Locked): JournalpostForPolicy => ({
  saksbehandlerId: jp.saksbehandlerId,
  administrativEnhetId: jp.administrativEnhetId,
  journalstatus: jp.journalstatus,
  sak: { saksansvarligId: jp.sakSaksansvarligId, administrativEnhetId: jp.sakEnhetId },
});

/** The kind of change an action makes, where who may make it depends on the status (ENDRINGSRETT). */
const ENDRING: Partial<Record<JournalpostHandling, Endring>> = { endre_registrering: 'registrering', endre_dokument: 'dokument', endre_skjerming: 'skjerming', legg_til_merknad: 'merknad' };

/** §11.2: whoever has the journalpost's open Til godkjenning (also after Videresendt, from any unit). */
async function erGodkjenner(trx: Transaction<DB>, actor: Actor, journalpostId: string) {
  const o = await aapenGodkjenning(trx, journalpostId);
  return o !== undefined && erMeg(actor, o.mottakerId);
}

/**
 * The fixed order of a journalpost mutation: lock the row → authorize (403) → the version the
 * client read, when it sent one (412) → check the status machine and who may change what in
 * the status (409) → the caller writes and appends historikk (which moves the version).
 */
export async function lockForAction(trx: Transaction<DB>, actor: Actor, id: string, handling: JournalpostHandling, opts: { versjon?: number; godkjenner?: boolean } = {}) {
  const jp = await lockJournalpost(trx, id);
  if (!jp || jp.feilregistrertDato) throw notFound('Journalposten');
  if (!journalpostPolicy.mayEdit(actor, forPolicy(jp)) && !(opts.godkjenner && (await erGodkjenner(trx, actor, id)))) {
    throw forbidden('Du har ikke rettigheter på denne journalposten');
  }
  kontrollerVersjon('Journalposten', jp.versjon, opts.versjon);
  const result = transition(jp.journalstatus, handling);
  const endring = ENDRING[handling];
  if (!result.ok || (endring && !kanEndre(endring, jp.journalstatus, erArkiv(actor)))) {
    const locked = handling === 'endre_registrering' || handling === 'endre_dokument';
    throw new AppError(
      locked ? 'journalpost_locked' : 'status_conflict',
      locked
        ? `Journalposten har status ${jp.journalstatus} og er låst for endringer${result.ok ? ' (arkivet retter)' : ''}`
        : `Kan ikke utføre ${handling} fra status ${jp.journalstatus}${result.ok ? '' : ` (tillatt fra ${result.tillatteFra.join(', ')})`}`,
      { journalstatus: jp.journalstatus },
    );
  }
  return { jp, result };
}

/**
 * Writes the fields that differ from the locked row, conditional on the journalstatus checked
 * (a concurrent status change makes it a 409), and returns them as historikk's {fra, til}.
 */
export async function skrivEndringer(trx: Transaction<DB>, jp: { systemId: string; journalstatus: Journalstatus }, changes: Updateable<DB['journalpost']>, now: Date) {
  const changed = diff(jp as unknown as Record<string, unknown>, changes as Record<string, unknown>);
  if (Object.keys(changed).length > 0) {
    const res = await trx
      .updateTable('journalpost')
      .set({ ...changes, oppdatertDato: now })
      .where('systemId', '=', jp.systemId)
      .where('journalstatus', '=', jp.journalstatus)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) throw new AppError('concurrent_update');
  }
  return changed;
}

export async function updateJournalpost(db: Kysely<DB>, actor: Actor, id: string, input: JournalpostUpdate, now = new Date(), versjon?: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { jp } = await lockForAction(trx, actor, id, 'endre_registrering', { versjon });
    const { korrespondanseparter, mottattDato, ...fields } = input;
    const changes = {
      ...fields,
      ...(fields.tittel !== undefined ? { tittel: fields.tittel.trim() } : {}),
      ...(mottattDato !== undefined ? { mottattDato: mottattDato === null ? null : new Date(mottattDato) } : {}),
    };
    const changed = await skrivEndringer(trx, jp, changes, now);
    if (korrespondanseparter) {
      const before = await trx.selectFrom('korrespondansepart').select(['korrespondanseparttype', 'navn']).where('journalpostId', '=', id).orderBy('rekkefolge').execute();
      await replaceKorrespondanseparter(trx, id, korrespondanseparter);
      changed.korrespondanseparter = { fra: before, til: korrespondanseparter.map((p) => ({ korrespondanseparttype: p.korrespondanseparttype, navn: p.navn })) };
    }
    if (Object.keys(changed).length === 0) return;
    await appendHistorikk(trx, actor, { handling: 'journalpost_endret', objekttype: 'journalpost', objektId: id, sakId: jp.sakId, journalpostId: id, data: changed });
  });
}

/** Skjerming may be set on locked journalposter too (manual §5). */
export async function setJournalpostSkjerming(db: Kysely<DB>, actor: Actor, id: string, skjerming: SkjermingInput | null, versjon?: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { jp } = await lockForAction(trx, actor, id, 'endre_skjerming', { versjon });
    const cols = skjermingColumns(skjerming);
    const changed = diff(jp as unknown as Record<string, unknown>, cols);
    if (Object.keys(changed).length === 0) return;
    // Setting XX (midlertidig skjermet) is not an assessment; anything else, including no skjerming, is.
    const vurdert = skjerming?.tilgangskode === 'XX' ? null : dagen(new Date());
    await trx.updateTable('journalpost').set({ ...cols, offentlighetsvurdertDato: vurdert }).where('systemId', '=', id).execute();
    await appendHistorikk(trx, actor, { handling: 'journalpost_skjerming_endret', objekttype: 'journalpost', objektId: id, sakId: jp.sakId, journalpostId: id, data: changed });
  });
}

/** Merknader are accepted in every status (manual §5). */
export async function addMerknad(db: Kysely<DB>, actor: Actor, journalpostId: string, input: MerknadCreate): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { jp } = await lockForAction(trx, actor, journalpostId, 'legg_til_merknad');
    return skrivMerknadIn(trx, actor, jp, input.merknadstype, input.merknadstekst);
  });
}

/** §12.6 names A among the locked statuses: the archive archives a journalført journalpost (J → A). */
export async function arkiver(db: Kysely<DB>, actor: Actor, id: string, now = new Date()): Promise<void> {
  if (!erArkiv(actor)) throw forbidden('Bare arkivet arkiverer');
  await db.transaction().execute(async (trx) => {
    const { jp, result } = await lockForAction(trx, actor, id, 'arkiver');
    if (!result.ok) return;
    // Arkivert is the end of the record's life (§12.6): a restanse not yet avskrevet would stay
    // in Ubehandlet/Forfall for ever, so it is avskrevet first (avskrivning is allowed in J).
    const { restanse } = await trx.selectFrom('journalpost as j').select(restanseSql.as('restanse')).where('j.systemId', '=', id).executeTakeFirstOrThrow();
    if (restanse) throw new AppError('restanse_open', 'Journalposten har restanse: avskriv den før den arkiveres', { journalstatus: jp.journalstatus });
    const res = await trx
      .updateTable('journalpost')
      .set({ journalstatus: result.til, arkivertDato: now, arkivertAvId: actor.bruker.systemId, oppdatertDato: now })
      .where('systemId', '=', id)
      .where('journalstatus', '=', jp.journalstatus)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) throw new AppError('concurrent_update');
    await appendHistorikk(trx, actor, {
      handling: 'journalpost_status_endret',
      objekttype: 'journalpost',
      objektId: id,
      sakId: jp.sakId,
      journalpostId: id,
      data: { journalstatus: { fra: jp.journalstatus, til: result.til } },
    });
  });
}

/** Archive quality check (manual §5): S, F or E → J. Informal (yellow) merknader are deleted. */
export async function journalfoer(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  if (!erArkiv(actor)) throw forbidden('Bare arkivet journalfører');
  await db.transaction().execute(async (trx) => {
    const { jp, result } = await lockForAction(trx, actor, id, 'journalfoer');
    if (!result.ok) return;
    const res = await trx
      .updateTable('journalpost')
      .set({ journalstatus: result.til, oppdatertDato: new Date() })
      .where('systemId', '=', id)
      .where('journalstatus', '=', jp.journalstatus)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) throw new AppError('concurrent_update');
    const removed = await trx.deleteFrom('merknad').where('journalpostId', '=', id).where('merknadstype', '=', 'UFORMELL').returning('merknadstekst').execute();
    await aktiverVentendeAvskrivninger(trx, actor, id, new Date());
    await appendHistorikk(trx, actor, {
      handling: 'journalpost_status_endret',
      objekttype: 'journalpost',
      objektId: id,
      sakId: jp.sakId,
      journalpostId: id,
      data: { journalstatus: { fra: jp.journalstatus, til: result.til }, uformelleMerknaderSlettet: removed.length },
    });
  });
}
