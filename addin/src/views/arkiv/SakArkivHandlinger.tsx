import { Button, Link, MessageBar, MessageBarBody, Subtitle2 } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Api } from '../../api/client';
import type { SakView } from '../../api/types';
import { ErrorBar, useLoad, useStyles } from '../common';
import type { Navigate } from '../nav';
import { arkivApi } from './api';
import { useArkivT } from './strings';

/**
 * The archive's steps on a sak (§5, §12.8): what blocks closing, each journalpost reachable;
 * close, reopen, mark UTGÅR. Buttons follow the sak's abilities.
 */
export function SakArkivHandlinger({ api, sak, navigate, onChanged }: { api: Api; sak: SakView; navigate: Navigate; onChanged: () => void }) {
  const a = useArkivT();
  const s = useStyles();
  const ark = useMemo(() => arkivApi(api), [api]);
  const ab = sak.abilities;
  const aapen = ab.avslutt === true;
  const avslutning = useLoad(() => (aapen ? ark.avslutning(sak.systemId) : Promise.resolve(null)), [ark, sak.systemId, sak.versjon, aapen]);
  const [error, setError] = useState<unknown>(null);
  const [melding, setMelding] = useState('');
  if (!ab.avslutt && !ab.gjenaapne && !ab.utgaar && !ab.kontroller) return null;
  const steg = async (handling: 'kontroller' | 'avslutt' | 'gjenaapne' | 'utgaar', ok: string) => {
    setError(null);
    setMelding('');
    try {
      await ark.sakStatus(sak.systemId, handling, sak.versjon);
      setMelding(ok);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const blokk = avslutning.data?.blokkerende ?? [];
  return (
    <section className={s.section} aria-labelledby="sak-arkivsteg-h">
      <Subtitle2 as="h3" id="sak-arkivsteg-h">
        {a.arkivsteg}
      </Subtitle2>
      <div role="status" aria-live="polite">
        {melding ? (
          <MessageBar intent="success">
            <MessageBarBody>{melding}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      <ErrorBar error={error ?? avslutning.error} />
      {aapen && avslutning.data ? (
        blokk.length ? (
          <>
            <p>{a.hindrerAvslutning}:</p>
            <ul className={s.list} aria-label={a.hindrerAvslutning}>
              {blokk.map((b) => (
                <li key={b.systemId}>
                  <Link onClick={() => navigate({ view: 'journalpost', journalpostId: b.systemId })}>
                    {b.registreringsId} {b.tittel}
                  </Link>{' '}
                  <span className={s.muted}>({b.grunner.map((g) => a.grunner[g] ?? g).join(', ')})</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{a.kanAvsluttes}</p>
        )
      ) : null}
      <div className={s.row}>
        {ab.kontroller ? <Button onClick={() => void steg('kontroller', a.kontroller)}>{a.kontroller}</Button> : null}
        {ab.avslutt ? (
          <Button appearance="primary" disabled={!avslutning.data || blokk.length > 0} onClick={() => void steg('avslutt', a.avsluttet)}>
            {a.avslutt}
          </Button>
        ) : null}
        {ab.gjenaapne ? <Button onClick={() => void steg('gjenaapne', a.gjenaapne)}>{a.gjenaapne}</Button> : null}
        {ab.utgaar ? <Button onClick={() => void steg('utgaar', a.utgaar)}>{a.utgaar}</Button> : null}
      </div>
    </section>
  );
}
