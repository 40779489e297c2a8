import { Button, Field, Link, Select, Subtitle2, Textarea } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Api } from '../api/client';
import type { Historikk as HistorikkT, Kodelister } from '../api/types';
import { useT } from '../i18n/strings';
import type { MailboxPort } from '../office/port';
import { historikkTekst, kodenavn, kodeOgNavn, visDato, visTidspunkt } from '@arkiv/shared';
import { Avskrivninger } from './Avskrivninger';
import { Behandle } from './Behandle';
import { Dokumenter } from './Dokumenter';
import { Rett } from './Rett';
import { SlettUtkast } from './SlettUtkast';
import { ErrorBar, Loading, useLoad, useStyles } from './common';
import { Kryssreferanser } from './Kryssreferanser';
import { Ekspeder } from './Ekspeder';
import { Utsendinger } from './Utsendinger';
import { type Navigate, rememberSak } from './nav';
import { Oppgaver } from './Oppgaver';
import { ArkivHandlinger } from './arkiv/ArkivHandlinger';
import { MeldOpp } from './MeldOpp';
import { Section, Sections, ViewHeading } from './shell';
import { usePaneT } from './pane.strings';

/** Registration data, documents with preview, merknader, kryssreferanser, oppgaver, historikk; actions by abilities. */
export function JournalpostView({ api, port, kodelister, journalpostId, navigate, refreshKey }: { api: Api; port: MailboxPort; kodelister: Kodelister | undefined; journalpostId: string; navigate: Navigate; refreshKey: number }) {
  const t = useT();
  const pt = usePaneT();
  const s = useStyles();
  const [tick, setTick] = useState(0);
  const jp = useLoad(() => api.getJournalpost(journalpostId), [journalpostId, refreshKey, tick]);
  const [merknad, setMerknad] = useState('');
  const [merknadstype, setMerknadstype] = useState<'UFORMELL' | 'FORMELL'>('UFORMELL');
  const [error, setError] = useState<unknown>(null);
  const changed = () => setTick((x) => x + 1);
  useEffect(() => {
    // The journalpost's sak becomes the current one (Siste saksmapper, Ctrl+Shift+D).
    if (jp.data) void api.getSak(jp.data.sakId).then((sak) => rememberSak({ sakId: sak.systemId, saksnummer: sak.saksnummer, tittel: sak.tittel }), () => undefined);
  }, [api, jp.data]);
  if (jp.error) return <ErrorBar error={jp.error} />;
  if (!jp.data) return <Loading />;
  const v = jp.data;
  const can = (a: string) => v.abilities[a] !== false;

  const addMerknad = async () => {
    setError(null);
    try {
      await api.addMerknad(v.systemId, { merknadstype, merknadstekst: merknad });
      setMerknad('');
      changed();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className={s.stack} aria-labelledby="jp-view-h">
      <ViewHeading id="jp-view-h">
        {v.registreringsId} ({v.journalposttype}) {v.tittel}
      </ViewHeading>
      <p>
        <Link onClick={() => navigate({ view: 'sak', sakId: v.sakId })}>
          {t.sak} {v.saksnummer}
        </Link>
      </p>
      <dl aria-label={t.registrering}>
        <dt>{t.journalstatus}</dt>
        <dd data-testid="journalstatus">
          <span>{v.journalstatus}</span> {kodenavn('journalstatus', v.journalstatus)}
        </dd>
        <dt>{t.dokumenttype}</dt>
        <dd>{kodeOgNavn('journalposttype', v.journalposttype)}</dd>
        {v.tittel2 ? (
          <>
            <dt>{t.tittel2}</dt>
            <dd>{v.tittel2}</dd>
          </>
        ) : null}
        <dt>{t.saksbehandler}</dt>
        <dd>{v.saksbehandler.navn}</dd>
        <dt>{t.journaldato}</dt>
        <dd>{visDato(v.journaldato)}</dd>
        <dt>{t.dokumentdato}</dt>
        <dd data-testid="dokumentdato">{v.dokumentdato ? visDato(v.dokumentdato) : t.ukjentDato}</dd>
        {v.forfallsdato ? (
          <>
            <dt>{t.forfallsdato}</dt>
            <dd>{visDato(v.forfallsdato)}</dd>
          </>
        ) : null}
        {v.skjerming ? (
          <>
            <dt>{t.skjerming}</dt>
            <dd>
              {kodeOgNavn('tilgangskode', v.skjerming.tilgangskode)}, {v.skjerming.skjermingshjemmel}
              <br />
              {kodenavn('skjermingsnivaa', v.skjerming.skjermingsnivaa)}
            </dd>
          </>
        ) : null}
        {v.korrespondanseparter.map((p) => (
          <div key={p.systemId}>
            <dt>{p.korrespondanseparttype === 'EA' ? t.avsender : t.mottaker}</dt>
            <dd>
              {p.navn} {p.epostadresse ? `<${p.epostadresse}>` : ''}
            </dd>
          </div>
        ))}
      </dl>
      <Avskrivninger avskrivninger={v.avskrivninger} restanse={v.restanse} navigate={navigate} />
      <Sections name="journalpost">
        <Section value="dokumenter" title={pt.journalpost.dokumenter}>
          <Dokumenter key={`dok-${v.systemId}`} api={api} jp={v} onChanged={changed} />
        </Section>
        <Section value="behandling" title={pt.journalpost.behandling} defaultOpen>
          <Behandle key={`b-${v.systemId}`} api={api} port={port} jp={v} kodelister={kodelister} onChanged={changed} navigate={navigate} />
          {['R', 'F'].includes(v.journalstatus) && ['U', 'N', 'X'].includes(v.journalposttype) ? <Ekspeder key={`e-${v.systemId}`} api={api} port={port} jp={v} onChanged={changed} /> : null}
          <Oppgaver key={`o-${v.systemId}`} api={api} jp={v} kodelister={kodelister} refreshKey={refreshKey + tick} onChanged={changed} />
          <MeldOpp key={`m-${v.systemId}`} api={api} jp={v} onChanged={changed} />
          {['E', 'J', 'A'].includes(v.journalstatus) ? <Utsendinger api={api} journalpostId={v.systemId} version={refreshKey + tick} /> : null}
          <ArkivHandlinger key={`a-${v.systemId}`} api={api} jp={v} navigate={navigate} onChanged={changed} />
          <SlettUtkast api={api} jp={v} onSlettet={() => navigate({ view: 'sak', sakId: v.sakId })} />
        </Section>
        {v.abilities.update || v.abilities.fordel || v.abilities.changeSkjerming ? (
          <Section value="rett" title={pt.journalpost.rett} defaultOpen>
            <Rett key={`rett-${v.systemId}`} api={api} jp={v} kodelister={kodelister} onChanged={changed} />
          </Section>
        ) : null}
        <Section value="merknader" title={pt.journalpost.merknader}>
          {v.merknader.length ? (
            <ul className={s.list} aria-label={t.merknader}>
              {v.merknader.map((m) => (
                <li key={m.systemId}>
                  {m.merknadstekst} <span className={s.muted}>– {m.merknadstype === 'FORMELL' ? t.formell : t.uformell}, {m.registrertAv.navn}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className={s.muted}>{pt.ingenMerknader}</p>
          )}
          {can('addMerknad') ? (
            <div className={s.stack} role="group" aria-label={t.addMerknad}>
              <Field label={t.merknad}>
                <Textarea value={merknad} onChange={(_, d) => setMerknad(d.value)} />
              </Field>
              <div className={s.row}>
                <Select aria-label={t.merknadstype} value={merknadstype} onChange={(_, d) => setMerknadstype(d.value as 'UFORMELL' | 'FORMELL')}>
                  <option value="UFORMELL">{t.uformell}</option>
                  <option value="FORMELL">{t.formell}</option>
                </Select>
                <Button disabled={!merknad.trim()} onClick={() => void addMerknad()}>
                  {t.addMerknad}
                </Button>
              </div>
            </div>
          ) : null}
          <ErrorBar error={error} />
        </Section>
        <Section value="kryssreferanser" title={pt.journalpost.kryssreferanser}>
          <Kryssreferanser key={`k-${v.systemId}`} api={api} ende={{ type: 'journalpost', id: v.systemId }} kanLeggeTil={v.abilities.addKryssreferanse === true} navigate={navigate} refreshKey={refreshKey} />
        </Section>
        <Section value="historikk" title={pt.journalpost.historikk}>
          <Historikk load={() => api.journalpostHistorikk(journalpostId)} deps={[journalpostId, refreshKey, tick]} heading={false} />
        </Section>
      </Sections>
    </section>
  );
}

/** The record's history; `heading={false}` inside a section that already says "Historikk". */
export function Historikk({ load, deps, heading = true }: { load: () => Promise<HistorikkT[]>; deps: unknown[]; heading?: boolean }) {
  const t = useT();
  const pt = usePaneT();
  const s = useStyles();
  const h = useLoad(load, deps);
  return (
    <>
      {heading ? <Subtitle2 as="h3">{t.historikk}</Subtitle2> : null}
      <ErrorBar error={h.error} />
      {h.loading && !h.data ? <Loading /> : null}
      {h.data && !h.data.length ? <p className={s.muted}>{pt.ingenHistorikk}</p> : null}
      <ul className={s.list} aria-label={t.historikk}>
        {(h.data ?? []).map((x) => (
          <li key={x.systemId}>
            <span className={s.muted}>{visTidspunkt(x.tidspunkt)}</span> {historikkTekst(x)}
          </li>
        ))}
      </ul>
    </>
  );
}
