import { Button, Checkbox, Field, Input, Select, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import { datoI, kodeOgNavn, STANDARD_TIDSSONE, type Tilgangskode, visDato } from '@arkiv/shared';
import type { Api } from '../api/client';
import type { Meg } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, useLoad, useStyles } from './common';

/**
 * §11.3 Aktivere stedfortrederfunksjonen: the leader names who works on their desk from one
 * date to another, and which of the leader's own tilgangskoder the deputy gets meanwhile.
 * Back early: a running appointment ends today, one that has not begun is deleted
 * (POST /api/stedfortredere/:id/avslutt); one that is over stays as history.
 */
export function Stedfortredere({ api, meg }: { api: Api; meg: Meg }) {
  const t = useT();
  const s = useStyles();
  const idag = datoI(new Date(), STANDARD_TIDSSONE);
  const [tick, setTick] = useState(0);
  const liste = useLoad(async () => (await api.stedfortredere()).filter((x) => x.lederId === meg.bruker.systemId), [api, tick]);
  const brukere = useLoad(() => api.brukere(), [api]);
  const [stedfortrederId, setStedfortrederId] = useState('');
  const [fra, setFra] = useState(idag);
  const [til, setTil] = useState(idag);
  const [koder, setKoder] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The deputy gets at most the codes the leader holds (the server refuses others).
  const mineKoder = [...new Set(meg.tilganger.map((x) => x.tilgangskode))];

  const oppnevn = async () => {
    setError(null);
    setBusy(true);
    try {
      await api.oppnevnStedfortreder({ stedfortrederId, fraDato: fra, tilDato: til, tilgangskoder: koder as Tilgangskode[] });
      setStedfortrederId('');
      setKoder([]);
      setTick((x) => x + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const avslutt = async (id: string) => {
    setError(null);
    try {
      await api.avsluttStedfortreder(id);
      setTick((x) => x + 1);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className={s.stack} aria-labelledby="stedfortredere-h">
      <Subtitle2 as="h3" id="stedfortredere-h">
        {t.leder.stedfortredere}
      </Subtitle2>
      <p className={s.muted}>{t.leder.stedfortrederTekst}</p>
      <ErrorBar error={liste.error} />
      {liste.data?.length === 0 ? <p className={s.muted}>{t.leder.ingenStedfortredere}</p> : null}
      {liste.data?.length ? <p className={s.muted}>{t.leder.avsluttTekst}</p> : null}
      <ul className={s.list} aria-label={t.leder.mine}>
        {(liste.data ?? []).map((x) => (
          <li key={x.systemId}>
            <strong>{x.stedfortrederNavn}</strong> {visDato(x.fraDato)}–{visDato(x.tilDato)}
            <br />
            <span className={s.muted}>{x.tilgangskoder.length ? x.tilgangskoder.map((k) => kodeOgNavn('tilgangskode', k)).join(', ') : t.leder.ingenKoder}</span>
            {x.fraDato > idag || x.tilDato > idag ? (
              <div className={s.row}>
                <Button size="small" aria-label={`${x.fraDato > idag ? t.leder.slettStedfortreder : t.leder.avsluttIdag}: ${x.stedfortrederNavn} ${visDato(x.fraDato)}–${visDato(x.tilDato)}`} onClick={() => void avslutt(x.systemId)}>
                  {x.fraDato > idag ? t.leder.slettStedfortreder : t.leder.avsluttIdag}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <div className={s.stack} role="group" aria-label={t.leder.oppnevn}>
        <Field label={t.leder.stedfortreder} required>
          <Select value={stedfortrederId} onChange={(_, d) => setStedfortrederId(d.value)}>
            <option value="">{t.leder.velgBruker}</option>
            {(brukere.data ?? [])
              .filter((b) => b.systemId !== meg.bruker.systemId)
              .map((b) => (
                <option key={b.systemId} value={b.systemId}>
                  {b.navn} ({b.brukernavn})
                </option>
              ))}
          </Select>
        </Field>
        <div className={s.row}>
          <Field label={t.leder.fraDato} required>
            <Input type="date" value={fra} onChange={(_, d) => setFra(d.value)} />
          </Field>
          <Field label={t.leder.tilDato} required>
            <Input type="date" value={til} min={fra} onChange={(_, d) => setTil(d.value)} />
          </Field>
        </div>
        <fieldset className={s.stack}>
          <legend>{t.leder.tilgangskoder}</legend>
          {mineKoder.length === 0 ? <span className={s.muted}>{t.leder.ingenKoder}</span> : null}
          {mineKoder.map((k) => (
            <Checkbox key={k} label={kodeOgNavn('tilgangskode', k)} checked={koder.includes(k)} onChange={(_, d) => setKoder(d.checked ? [...koder, k] : koder.filter((x) => x !== k))} />
          ))}
        </fieldset>
        <Button appearance="primary" disabled={!stedfortrederId || !fra || !til || busy} onClick={() => void oppnevn()}>
          {t.leder.oppnevn}
        </Button>
        <ErrorBar error={error} />
      </div>
    </section>
  );
}
