import { Button, Link, Subtitle2 } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { Api } from '../api/client';
import { useT } from '../i18n/strings';
import { ErrorBar, Loading, useLoad, useStyles } from './common';
import { Historikk } from './JournalpostView';
import { Kryssreferanser } from './Kryssreferanser';
import { type Navigate, rememberSak } from './nav';

/** A sak: registration data, its journalposter, kryssreferanser, historikk. What the user may do comes from abilities. */
export function SakView({ api, sakId, navigate, refreshKey }: { api: Api; sakId: string; navigate: Navigate; refreshKey: number }) {
  const t = useT();
  const s = useStyles();
  const sak = useLoad(() => api.getSak(sakId), [sakId, refreshKey]);
  const jps = useLoad(() => api.sakJournalposter(sakId), [sakId, refreshKey]);
  useEffect(() => {
    if (sak.data) rememberSak({ sakId, saksnummer: sak.data.saksnummer, tittel: sak.data.tittel });
  }, [sak.data, sakId]);
  if (sak.error) return <ErrorBar error={sak.error} />;
  if (!sak.data) return <Loading />;
  const v = sak.data;
  return (
    <section className={s.stack} aria-labelledby="sak-view-h">
      <Subtitle2 as="h2" id="sak-view-h">
        {t.sak} {v.saksnummer}: {v.tittel}
      </Subtitle2>
      <dl>
        {v.tittel2 ? (
          <>
            <dt>{t.tittel2}</dt>
            <dd>{v.tittel2}</dd>
          </>
        ) : null}
        <dt>{t.sakstype}</dt>
        <dd>{v.sakstype}</dd>
        <dt>{t.saksstatus}</dt>
        <dd>{v.saksstatus}</dd>
        <dt>{t.saksansvarlig}</dt>
        <dd>{v.saksansvarlig.navn}</dd>
        {v.obsDato ? (
          <>
            <dt>OBS</dt>
            <dd>
              {v.obsDato} {v.obsKommentar}
            </dd>
          </>
        ) : null}
      </dl>
      <div className={s.row}>
        <Button disabled={v.abilities.addJournalpost === false} onClick={() => navigate({ view: 'importer' })}>
          {t.importer}
        </Button>
      </div>
      <Subtitle2 as="h3">{t.journalpost}er</Subtitle2>
      {jps.loading ? <Loading /> : null}
      <ErrorBar error={jps.error} />
      <ul className={s.list} aria-label={`${t.journalpost}er`}>
        {(jps.data?.items ?? []).map((j) => (
          <li key={j.systemId}>
            <Link onClick={() => navigate({ view: 'journalpost', journalpostId: j.systemId })}>
              {j.registreringsId} {j.journalposttype} {j.tittel}
            </Link>{' '}
            <span className={s.muted}>({j.journalstatus})</span>
          </li>
        ))}
      </ul>
      <Kryssreferanser key={`k-${sakId}`} api={api} ende={{ type: 'sak', id: sakId }} kanLeggeTil={v.abilities.addKryssreferanse === true} navigate={navigate} refreshKey={refreshKey} />
      <Historikk load={() => api.sakHistorikk(sakId)} deps={[sakId, refreshKey]} />
    </section>
  );
}
