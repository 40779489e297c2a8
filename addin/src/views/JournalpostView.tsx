import { Button, Field, Link, Select, Subtitle2, Textarea } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Api } from '../api/client';
import type { Historikk as HistorikkT, Kodelister } from '../api/types';
import { useT } from '../i18n/strings';
import type { MailboxPort } from '../office/port';
import { Behandle } from './Behandle';
import { ErrorBar, Loading, openDocument, useLoad, useStyles } from './common';
import { Kryssreferanser } from './Kryssreferanser';
import { Ekspeder } from './Ekspeder';
import { Utsendinger } from './Utsendinger';
import { type Navigate, rememberSak } from './nav';
import { Oppgaver } from './Oppgaver';

/** Registration data, documents with preview, merknader, kryssreferanser, oppgaver, historikk; actions by abilities. */
export function JournalpostView({ api, port, kodelister, journalpostId, navigate, refreshKey }: { api: Api; port: MailboxPort; kodelister: Kodelister | undefined; journalpostId: string; navigate: Navigate; refreshKey: number }) {
  const t = useT();
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

  const preview = (dokumentId: string) => openDocument(() => api.dokumentInnhold(dokumentId), setError);
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
      <Subtitle2 as="h2" id="jp-view-h">
        {v.registreringsId} ({v.journalposttype}) {v.tittel}
      </Subtitle2>
      <p>
        <Link onClick={() => navigate({ view: 'sak', sakId: v.sakId })}>
          {t.sak} {v.saksnummer}
        </Link>
      </p>
      <dl aria-label={t.registrering}>
        <dt>{t.journalstatus}</dt>
        <dd data-testid="journalstatus">{v.journalstatus}</dd>
        {v.tittel2 ? (
          <>
            <dt>{t.tittel2}</dt>
            <dd>{v.tittel2}</dd>
          </>
        ) : null}
        <dt>{t.saksbehandler}</dt>
        <dd>{v.saksbehandler.navn}</dd>
        <dt>{t.journaldato}</dt>
        <dd>{v.journaldato}</dd>
        {v.forfallsdato ? (
          <>
            <dt>{t.forfallsdato}</dt>
            <dd>{v.forfallsdato}</dd>
          </>
        ) : null}
        {v.skjerming ? (
          <>
            <dt>{t.skjerming}</dt>
            <dd>
              {v.skjerming.tilgangskode} / {v.skjerming.skjermingsnivaa} {v.skjerming.skjermingshjemmel}
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
      <Subtitle2 as="h3">{t.dokumenter}</Subtitle2>
      <ul className={s.list} aria-label={t.dokumenter}>
        {v.dokumenter.map((d) => (
          <li key={d.systemId}>
            {d.dokumentnummer}. {d.tittel} ({d.tilknyttetRegistreringSom === 'H' ? t.hoveddokument : t.vedleggEn}){' '}
            {d.skjermet ? null : (
              <Button size="small" onClick={() => void preview(d.systemId)}>
                {t.preview}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <Subtitle2 as="h3">{t.merknader}</Subtitle2>
      <ul className={s.list} aria-label={t.merknader}>
        {v.merknader.map((m) => (
          <li key={m.systemId}>
            {m.merknadstekst} <span className={s.muted}>– {m.registrertAv.navn}</span>
          </li>
        ))}
      </ul>
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
      <Kryssreferanser key={`k-${v.systemId}`} api={api} ende={{ type: 'journalpost', id: v.systemId }} kanLeggeTil={v.abilities.addKryssreferanse === true} navigate={navigate} refreshKey={refreshKey} />
      <Behandle key={`b-${v.systemId}`} api={api} port={port} jp={v} kodelister={kodelister} onChanged={changed} navigate={navigate} />
      <Oppgaver key={`o-${v.systemId}`} api={api} jp={v} kodelister={kodelister} refreshKey={refreshKey + tick} onChanged={changed} />
      {['R', 'F'].includes(v.journalstatus) && ['U', 'N', 'X'].includes(v.journalposttype) ? <Ekspeder key={`e-${v.systemId}`} api={api} jp={v} onChanged={changed} /> : null}
      {['E', 'J', 'A'].includes(v.journalstatus) ? <Utsendinger api={api} journalpostId={v.systemId} version={refreshKey + tick} /> : null}
      <Historikk load={() => api.journalpostHistorikk(journalpostId)} deps={[journalpostId, refreshKey, tick]} />
    </section>
  );
}

export function Historikk({ load, deps }: { load: () => Promise<HistorikkT[]>; deps: unknown[] }) {
  const t = useT();
  const s = useStyles();
  const h = useLoad(load, deps);
  return (
    <>
      <Subtitle2 as="h3">{t.historikk}</Subtitle2>
      <ErrorBar error={h.error} />
      <ul className={s.list} aria-label={t.historikk}>
        {(h.data ?? []).map((x) => (
          <li key={x.systemId}>
            {new Date(x.tidspunkt).toLocaleString('nb-NO')} {x.handling} {x.bruker?.navn ?? ''}
            {x.paaVegneAv ? ` (på vegne av ${x.paaVegneAv.navn})` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}
