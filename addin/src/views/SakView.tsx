import { kodenavn, kodeOgNavn, visDato } from '@arkiv/shared';
import { Button, Link, Subtitle2 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Api } from '../api/client';
import { useT } from '../i18n/strings';
import { ErrorBar, Loading, useLoad, useStyles } from './common';
import { EndreSkjema } from './Endre';
import { Historikk } from './JournalpostView';
import { Kryssreferanser } from './Kryssreferanser';
import { type Navigate, rememberSak } from './nav';
import { SakTilganger } from './SakTilganger';
import { SakArkivHandlinger } from './arkiv/SakArkivHandlinger';
import { FjernObs } from './FjernObs';
import { UtgaarForespoersel } from './MeldOpp';
import { SkjermOrd } from './SkjermOrd';
import { useSkjermOrdT } from './skjermord.strings';
import { Skriv } from './Skriv';
import { useSkrivT } from './skriv.strings';
import { Section, Sections, ViewHeading } from './shell';
import { usePaneT } from './pane.strings';

/** A sak: registration data, its journalposter, who may add to it, kryssreferanser, historikk. What the user may do comes from abilities. */
export function SakView({ api, sakId, navigate, refreshKey }: { api: Api; sakId: string; navigate: Navigate; refreshKey: number }) {
  const t = useT();
  const s = useStyles();
  const st = useSkrivT();
  const pt = usePaneT();
  const so = useSkjermOrdT();
  const [skriv, setSkriv] = useState(false);
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
      <ViewHeading id="sak-view-h">
        {t.sak} {v.saksnummer}: {v.tittel}
      </ViewHeading>
      <dl>
        {v.tittel2 ? (
          <>
            <dt>{t.tittel2}</dt>
            <dd>{v.tittel2}</dd>
          </>
        ) : null}
        <dt>{t.sakstype}</dt>
        <dd>{kodeOgNavn('sakstype', v.sakstype)}</dd>
        <dt>{t.saksstatus}</dt>
        <dd>{kodenavn('saksstatus', v.saksstatus)}</dd>
        <dt>{t.saksansvarlig}</dt>
        <dd>{v.saksansvarlig.navn}</dd>
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
        {v.obsDato ? (
          <>
            <dt>OBS</dt>
            <dd>
              {visDato(v.obsDato)} {v.obsKommentar}
            </dd>
          </>
        ) : null}
      </dl>
      <div className={s.row}>
        <Button disabled={v.abilities.addJournalpost === false} onClick={() => navigate({ view: 'importer' })}>
          {t.importer}
        </Button>
        {v.abilities.addJournalpost === false ? null : (
          <Button appearance={skriv ? 'secondary' : 'primary'} aria-expanded={skriv} onClick={() => setSkriv(!skriv)}>
            {st.skriv.knapp}
          </Button>
        )}
      </div>
      {skriv ? <Skriv api={api} sak={v} navigate={navigate} onCancel={() => setSkriv(false)} /> : null}
      <Sections name="sak">
        <Section value="journalposter" title={pt.sak.journalposter}>
          {jps.loading && !jps.data ? <Loading /> : null}
          <ErrorBar error={jps.error} />
          {jps.data && !jps.data.items.length ? <p className={s.muted}>{pt.sak.ingenJournalposter}</p> : null}
          <ul className={s.list} aria-label={`${t.journalpost}er`}>
            {(jps.data?.items ?? []).map((j) => (
              <li key={j.systemId}>
                <Link onClick={() => navigate({ view: 'journalpost', journalpostId: j.systemId })}>
                  {j.registreringsId} {j.journalposttype} {j.tittel}
                </Link>{' '}
                <span className={s.muted}>({kodenavn('journalstatus', j.journalstatus)})</span>
              </li>
            ))}
          </ul>
        </Section>
        <Section value="oppfoelging" title={pt.sak.oppfoelging} defaultOpen>
          <EndreSkjema
            key={`obs-${v.systemId}`}
            tittel={t.endre.obs}
            record={v}
            kanEndre={(r) => r.abilities.update === true}
            felter={[{ navn: 'obsDato', label: t.endre.obsDato, type: 'date' }, { navn: 'obsKommentar', label: t.endre.obsKommentar, type: 'textarea' }]}
            lagre={(endringer, versjon) => api.updateSak(v.systemId, endringer, versjon)}
            onChanged={sak.reload}
          />
          <FjernObs api={api} sak={v} onChanged={sak.reload} />
          <SakArkivHandlinger key={`a-${sakId}`} api={api} sak={v} navigate={navigate} onChanged={sak.reload} />
          <UtgaarForespoersel key={`u-${sakId}`} api={api} sak={v} />
        </Section>
        {v.abilities.skjermOrd ? (
          <Section value="skjermord" title={so.tittel}>
            <SkjermOrd
              key={`o-${v.systemId}`}
              tittel={v.tittel}
              tittel2={v.tittel2}
              skjermedeOrd={v.skjermedeOrd}
              gradert={v.skjerming !== null}
              ikkeGradert={so.krevSkjermingSak}
              lagre={(ord) => api.setSakSkjermedeOrd(v.systemId, ord, v.versjon)}
              onChanged={sak.reload}
            />
          </Section>
        ) : null}
        <Section value="tilganger" title={pt.sak.tilganger}>
          <SakTilganger key={`t-${sakId}`} api={api} sakId={sakId} kanGi={v.abilities.giTilgang === true} refreshKey={refreshKey} />
        </Section>
        <Section value="kryssreferanser" title={pt.sak.kryssreferanser}>
          <Kryssreferanser key={`k-${sakId}`} api={api} ende={{ type: 'sak', id: sakId }} kanLeggeTil={v.abilities.addKryssreferanse === true} navigate={navigate} refreshKey={refreshKey} />
        </Section>
        <Section value="historikk" title={pt.sak.historikk}>
          <Historikk load={() => api.sakHistorikk(sakId)} deps={[sakId, refreshKey]} heading={false} />
        </Section>
      </Sections>
    </section>
  );
}
