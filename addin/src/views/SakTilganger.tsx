import { Button, Field, Select, Subtitle2 } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import type { Api } from '../api/client';
import { useT } from '../i18n/strings';
import { ErrorBar, Loading, useLoad, useStyles } from './common';

/**
 * §6: the users the saksansvarlig gave access to add journalposter to the sak. Whether this
 * user may give and take it back comes from the server (abilities.giTilgang).
 */
export function SakTilganger({ api, sakId, kanGi, refreshKey }: { api: Api; sakId: string; kanGi: boolean; refreshKey: number }) {
  const t = useT();
  const s = useStyles();
  const [tick, setTick] = useState(0);
  const liste = useLoad(() => api.sakTilganger(sakId), [sakId, refreshKey, tick]);
  const brukere = useLoad(() => (kanGi ? api.brukere() : Promise.resolve([])), [kanGi]);
  const [valgt, setValgt] = useState('');
  const [error, setError] = useState<unknown>(null);

  const run = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      setTick((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  };
  const gi = (e: FormEvent) => {
    e.preventDefault();
    if (valgt) void run(() => api.giSakTilgang(sakId, valgt));
  };
  const harTilgang = new Set((liste.data ?? []).map((g) => g.bruker.systemId));

  return (
    <section className={s.stack} aria-labelledby="sak-tilgang-h">
      <Subtitle2 as="h3" id="sak-tilgang-h">
        {t.tilgang.tittel}
      </Subtitle2>
      {liste.loading ? <Loading /> : null}
      <ErrorBar error={liste.error ?? error} />
      {liste.data && liste.data.length === 0 ? <p className={s.muted}>{t.tilgang.ingen}</p> : null}
      <ul className={s.list} aria-labelledby="sak-tilgang-h">
        {(liste.data ?? []).map((g) => (
          <li key={g.bruker.systemId}>
            {g.bruker.navn}{' '}
            <span className={s.muted}>
              ({t.tilgang.gittAv} {g.gittAv.navn})
            </span>{' '}
            {kanGi ? (
              <Button size="small" aria-label={`${t.tilgang.fjern} ${g.bruker.navn}`} onClick={() => void run(() => api.fjernSakTilgang(sakId, g.bruker.systemId))}>
                {t.kryss.fjern}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {kanGi ? (
        <form className={s.row} onSubmit={gi}>
          <Field label={t.tilgang.bruker}>
            <Select value={valgt} onChange={(_, d) => setValgt(d.value)}>
              <option value="">{t.tilgang.velg}</option>
              {(brukere.data ?? [])
                .filter((b) => !harTilgang.has(b.systemId))
                .map((b) => (
                  <option key={b.systemId} value={b.systemId}>
                    {b.navn}
                  </option>
                ))}
            </Select>
          </Field>
          <Button type="submit" disabled={!valgt}>
            {t.tilgang.gi}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
