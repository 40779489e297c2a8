import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import type { JournalpostView, Kodelister } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, useLoad, useStyles } from './common';
import { EndreSkjema } from './Endre';
import { Korrespondanseparter } from './Korrespondanseparter';
import { SkjermOrd } from './SkjermOrd';
import { useSkjermOrdT } from './skjermord.strings';
import { SKJERMINGSHJEMLER, useSkrivT } from './skriv.strings';
import { useSkrivStyles } from './skriv.styles';

/**
 * Correcting a registration (§7, §10.1 checklist), in sections that open one at a time so the
 * pane stays short: titles and dates, saksbehandler and internal copies, skjerming, senders and
 * recipients. Each section is offered only as far as the journalpost's abilities allow.
 */
export function Rett({ api, jp, kodelister, onChanged }: { api: Api; jp: JournalpostView; kodelister: Kodelister | undefined; onChanged: () => void }) {
  const t = useT();
  const st = useSkrivT();
  const so = useSkjermOrdT();
  const a = jp.abilities;
  if (!a.update && !a.fordel && !a.changeSkjerming) return null;
  return (
    <section aria-label={st.rett.tittel}>
      <Accordion collapsible defaultOpenItems="registrering">
        {a.update && !jp.laast ? (
          <AccordionItem value="registrering">
            <AccordionHeader as="h3">{st.rett.registrering}</AccordionHeader>
            <AccordionPanel>
              <EndreSkjema
                key={`r-${jp.systemId}`}
                tittel={t.endre.registrering}
                record={jp}
                kanEndre={(r) => r.abilities.update === true && !r.laast}
                felter={[
                  { navn: 'tittel', label: t.tittel, paakrevd: true },
                  { navn: 'tittel2', label: t.tittel2 },
                  { navn: 'dokumentdato', label: t.dokumentdato, type: 'date' },
                  { navn: 'forfallsdato', label: t.forfallsdato, type: 'date' },
                  { navn: 'beskrivelse', label: t.endre.beskrivelse, type: 'textarea' },
                ]}
                lagre={(endringer, versjon) => api.updateJournalpost(jp.systemId, endringer, versjon)}
                onChanged={onChanged}
              />
            </AccordionPanel>
          </AccordionItem>
        ) : null}
        {a.fordel ? (
          <AccordionItem value="fordeling">
            <AccordionHeader as="h3">{st.rett.fordeling}</AccordionHeader>
            <AccordionPanel>
              <Fordeling api={api} jp={jp} onChanged={onChanged} />
            </AccordionPanel>
          </AccordionItem>
        ) : null}
        {a.changeSkjerming ? (
          <AccordionItem value="skjerming">
            <AccordionHeader as="h3">{st.rett.skjerming}</AccordionHeader>
            <AccordionPanel>
              <Skjerming api={api} jp={jp} kodelister={kodelister} onChanged={onChanged} />
            </AccordionPanel>
          </AccordionItem>
        ) : null}
        {a.skjermOrd ? (
          <AccordionItem value="skjermord">
            <AccordionHeader as="h3">{so.tittel}</AccordionHeader>
            <AccordionPanel>
              <SkjermOrd
                key={`o-${jp.systemId}`}
                tittel={jp.tittel}
                tittel2={jp.tittel2}
                skjermedeOrd={jp.skjermedeOrd}
                gradert={jp.skjerming !== null}
                lagre={(ord) => api.setSkjermedeOrd(jp.systemId, ord, jp.versjon)}
                onChanged={onChanged}
              />
            </AccordionPanel>
          </AccordionItem>
        ) : null}
        <AccordionItem value="parter">
          <AccordionHeader as="h3">{st.rett.parter}</AccordionHeader>
          <AccordionPanel>
            <Korrespondanseparter key={jp.systemId} api={api} jp={jp} onChanged={onChanged} />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}

/** Fordel within the unit (§10.1) and internal kopimottakere (§12.4). */
function Fordeling({ api, jp, onChanged }: { api: Api; jp: JournalpostView; onChanged: () => void }) {
  const st = useSkrivT();
  const s = useStyles();
  const ss = useSkrivStyles();
  const brukere = useLoad(() => api.brukereIEnhet(jp.administrativEnhet.systemId), [jp.administrativEnhet.systemId]);
  const [sbh, setSbh] = useState(jp.saksbehandler.systemId);
  const [kopi, setKopi] = useState<string[]>([]);
  const [ferdig, setFerdig] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const eksisterende = jp.korrespondanseparter.filter((p) => p.korrespondanseparttype === 'IK').map((p) => p.brukerId);
  const lagre = async () => {
    setError(null);
    try {
      await api.fordel(jp.systemId, { ...(sbh !== jp.saksbehandler.systemId ? { saksbehandlerId: sbh } : {}), ...(kopi.length ? { kopimottakerIds: kopi } : {}) });
      setKopi([]);
      setFerdig(true);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const navn = (id: string) => brukere.data?.find((b) => b.systemId === id)?.navn ?? id;
  return (
    <div className={s.stack}>
      <Field className={ss.felt} label={st.rett.saksbehandler}>
        <Select className={ss.velger} select={{ className: ss.velger }} value={sbh} onChange={(_, d) => setSbh(d.value)}>
          {brukere.data?.some((b) => b.systemId === jp.saksbehandler.systemId) ? null : <option value={jp.saksbehandler.systemId}>{jp.saksbehandler.navn}</option>}
          {(brukere.data ?? []).map((b) => (
            <option key={b.systemId} value={b.systemId}>
              {b.navn}
            </option>
          ))}
        </Select>
      </Field>
      <Field className={ss.felt} label={st.rett.velgKopi}>
        <Select className={ss.velger} select={{ className: ss.velger }} value="" onChange={(_, d) => d.value && setKopi([...kopi, d.value])}>
          <option value="">–</option>
          {(brukere.data ?? [])
            .filter((b) => !kopi.includes(b.systemId) && !eksisterende.includes(b.systemId) && b.systemId !== sbh)
            .map((b) => (
              <option key={b.systemId} value={b.systemId}>
                {b.navn}
              </option>
            ))}
        </Select>
      </Field>
      {kopi.length || eksisterende.length ? (
        <ul className={s.list} aria-label={st.rett.kopimottakere}>
          {jp.korrespondanseparter
            .filter((p) => p.korrespondanseparttype === 'IK')
            .map((p) => (
              <li key={p.systemId}>{p.navn}</li>
            ))}
          {kopi.map((id) => (
            <li key={id}>
              {navn(id)}{' '}
              <Button size="small" aria-label={`${st.part.fjern} ${navn(id)}`} onClick={() => setKopi(kopi.filter((k) => k !== id))}>
                ✕
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className={s.row}>
        <Button appearance="primary" disabled={sbh === jp.saksbehandler.systemId && kopi.length === 0} onClick={() => void lagre()}>
          {st.rett.fordel}
        </Button>
        {ferdig ? <span role="status">{st.rett.fordelt}</span> : null}
      </div>
      <ErrorBar error={error} />
    </div>
  );
}

/** Skjerming: the tilgangskode by its name, the level by what it hides, and the legal basis. */
function Skjerming({ api, jp, kodelister, onChanged }: { api: Api; jp: JournalpostView; kodelister: Kodelister | undefined; onChanged: () => void }) {
  const st = useSkrivT();
  const s = useStyles();
  const ss = useSkrivStyles();
  const egen = jp.skjermingKilde === 'journalpost' ? jp.skjerming : null;
  const [kode, setKode] = useState<string>(egen?.tilgangskode ?? '');
  const [nivaa, setNivaa] = useState<number>(egen?.skjermingsnivaa ?? 1);
  const [hjemmel, setHjemmel] = useState(egen?.skjermingshjemmel ?? '');
  const [error, setError] = useState<unknown>(null);
  const [lagret, setLagret] = useState(false);
  const lagre = async () => {
    setError(null);
    try {
      await api.setSkjerming(jp.systemId, kode ? ({ tilgangskode: kode, skjermingsnivaa: nivaa, skjermingshjemmel: hjemmel.trim() } as never) : null, jp.versjon);
      setLagret(true);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className={s.stack}>
      <Field className={ss.felt} label={st.rett.tilgangskode}>
        <Select className={ss.velger} select={{ className: ss.velger }} value={kode} onChange={(_, d) => setKode(d.value)}>
          <option value="">{st.rett.ingenSkjerming}</option>
          {(kodelister?.tilgangskode ?? []).map((k) => (
            <option key={k.kode} value={k.kode}>
              {k.navn} ({k.kode})
            </option>
          ))}
        </Select>
      </Field>
      {kode ? (
        <>
          <Field className={ss.felt} label={st.rett.nivaa}>
            <Select className={ss.velger} select={{ className: ss.velger }} value={String(nivaa)} onChange={(_, d) => setNivaa(Number(d.value))}>
              {(kodelister?.skjermingsnivaa ?? []).map((n) => (
                <option key={n.kode} value={n.kode}>
                  {n.navn}
                </option>
              ))}
            </Select>
          </Field>
          <Field className={ss.felt} label={st.rett.hjemmel} required>
            <Input list="skjermingshjemler" value={hjemmel} onChange={(_, d) => setHjemmel(d.value)} />
          </Field>
          <datalist id="skjermingshjemler">
            {SKJERMINGSHJEMLER.map((h) => (
              <option key={h} value={h} />
            ))}
          </datalist>
        </>
      ) : null}
      <div className={s.row}>
        <Button appearance="primary" disabled={!!kode && !hjemmel.trim()} onClick={() => void lagre()}>
          {st.rett.lagreSkjerming}
        </Button>
        {lagret ? <span role="status">{st.rett.lagreSkjerming} ✓</span> : null}
      </div>
      <ErrorBar error={error} />
    </div>
  );
}
