import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Subtitle2, Switch } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Api } from '../../api/client';
import type { JournalpostView, SakView } from '../../api/types';
import { ErrorBar, useStyles } from '../common';
import type { Navigate } from '../nav';
import { arkivApi } from './api';
import { KorrigerParter } from './KorrigerParter';
import { useArkivT } from './strings';

/**
 * The archive's steps on one journalpost (§5, §12.6, §12.7): journalføre, publish its documents
 * in the public journal, move it to another sak (saying what happens to inherited skjerming),
 * and remove it. Shown only for what the journalpost's abilities allow.
 */
export function ArkivHandlinger({ api, jp, navigate, onChanged }: { api: Api; jp: JournalpostView; navigate: Navigate; onChanged: () => void }) {
  const a = useArkivT();
  const s = useStyles();
  const ark = useMemo(() => arkivApi(api), [api]);
  const [error, setError] = useState<unknown>(null);
  const [melding, setMelding] = useState('');
  const [flytter, setFlytter] = useState(false);
  const [q, setQ] = useState('');
  const [treff, setTreff] = useState<SakView[] | null>(null);
  const [nySak, setNySak] = useState<SakView | null>(null);
  const [skjerming, setSkjerming] = useState<'behold' | 'fjern'>('behold');
  const [bekreft, setBekreft] = useState(false);
  const ab = jp.abilities;
  const kanPublisere = ab.changeSkjerming === true && jp.dokumenter.length > 0;
  const kanRette = ab.update === true && !jp.laast && !jp.korrespondanseparterSkjermet;
  if (!ab.journalfoer && !ab.flytt && !ab.feilregistrer && !kanPublisere) return null;

  const run = async (step: () => Promise<unknown>, ok: string, after: () => void = onChanged) => {
    setError(null);
    setMelding('');
    try {
      await step();
      setMelding(ok);
      after();
    } catch (e) {
      setError(e);
    }
  };
  const sok = async () => {
    setError(null);
    try {
      setTreff((await api.listSaker({ q, limit: 10 })).items.filter((x) => x.systemId !== jp.sakId));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className={s.section} aria-labelledby="arkivsteg-h">
      <Subtitle2 as="h3" id="arkivsteg-h">
        {a.arkivsteg}
      </Subtitle2>
      <div role="status" aria-live="polite">
        {melding ? (
          <MessageBar intent="success">
            <MessageBarBody>{melding}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      <ErrorBar error={error} />
      {kanRette ? <KorrigerParter api={api} jp={jp} onChanged={onChanged} /> : null}
      {ab.journalfoer ? (
        <div className={s.row}>
          <Button appearance="primary" onClick={() => void run(() => api.journalfoer(jp.systemId), a.journalfoert(1))}>
            {a.journalfoer}
          </Button>
        </div>
      ) : null}
      {kanPublisere
        ? jp.dokumenter.map((d) => (
            <Switch key={d.systemId} checked={d.publiseres} disabled={d.skjermet} label={`${a.publiser}: ${d.tittel}`} onChange={(_, x) => void run(() => ark.publisering(d.systemId, x.checked), a.publiser)} />
          ))
        : null}
      {ab.flytt ? (
        flytter ? (
          <div className={s.stack} role="group" aria-label={a.flytt}>
            <div className={s.row}>
              <Field label={a.flyttTil}>
                <Input value={q} onChange={(_, d) => setQ(d.value)} onKeyDown={(e) => e.key === 'Enter' && void sok()} />
              </Field>
              <Button onClick={() => void sok()}>{a.sok}</Button>
            </div>
            {treff ? (
              <RadioGroup aria-label={a.flyttTil} value={nySak?.systemId ?? ''} onChange={(_, d) => setNySak(treff.find((x) => x.systemId === d.value) ?? null)}>
                {treff.map((x) => (
                  <Radio key={x.systemId} value={x.systemId} label={`${x.saksnummer} ${x.tittel}`} />
                ))}
              </RadioGroup>
            ) : null}
            <Field label={a.flyttSkjerming} hint={a.flyttForklaring}>
              <RadioGroup value={skjerming} onChange={(_, d) => setSkjerming(d.value as 'behold' | 'fjern')}>
                <Radio value="behold" label={a.behold} />
                <Radio value="fjern" label={a.fjern} />
              </RadioGroup>
            </Field>
            <div className={s.row}>
              <Button appearance="primary" disabled={!nySak} onClick={() => nySak && void run(() => ark.flytt(jp.systemId, nySak.systemId, skjerming), a.flyttet(nySak.saksnummer), () => { setFlytter(false); onChanged(); })}>
                {a.flytt}
              </Button>
              <Button onClick={() => setFlytter(false)}>{a.avbryt}</Button>
            </div>
          </div>
        ) : (
          <div className={s.row}>
            <Button onClick={() => setFlytter(true)}>{a.flytt}</Button>
          </div>
        )
      ) : null}
      {ab.feilregistrer ? (
        <div className={s.row}>
          {bekreft ? (
            <>
              <Button appearance="primary" onClick={() => void run(() => ark.feilregistrer(jp.systemId), a.fjernet, () => navigate({ view: 'sak', sakId: jp.sakId }))}>
                {a.bekreftFjern}
              </Button>
              <Button onClick={() => setBekreft(false)}>{a.avbryt}</Button>
            </>
          ) : (
            <Button onClick={() => setBekreft(true)}>{a.feilregistrer}</Button>
          )}
        </div>
      ) : null}
    </section>
  );
}
