import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { ApiError } from '../api/http';
import { useT } from '../i18n/strings';
import { ErrorBar, useStyles } from './common';
import { StatusRegion } from './shell';

/** One editable field of a record, named as in the API (an empty optional field is sent as null). */
export interface Felt {
  readonly navn: string;
  readonly label: string;
  readonly type?: 'date' | 'textarea';
  readonly paakrevd?: boolean;
}

type Versjonert = { readonly versjon: number };
type Verdier = Record<string, string>;

const verdier = (r: Versjonert, felter: readonly Felt[]): Verdier => Object.fromEntries(felter.map((f) => [f.navn, String((r as unknown as Record<string, unknown>)[f.navn] ?? '')]));

/**
 * Edits a few fields of a record and saves them with the version they were read at (If-Match).
 * When someone else has changed the record since, the server refuses (412) and sends the record
 * as it is now: the form shows those values, keeps the user's draft, and lets them save it again
 * on the fresh version or discard it. Only the fields the user changed are sent.
 */
export function EndreSkjema<R extends Versjonert>({ tittel, felter, record, kanEndre, lagre, onChanged }: {
  tittel: string;
  felter: readonly Felt[];
  record: R;
  kanEndre: (r: R) => boolean;
  lagre: (endringer: Record<string, string | null>, versjon: number) => Promise<unknown>;
  onChanged: () => void;
}) {
  const t = useT();
  const s = useStyles();
  const [aapen, setAapen] = useState(false);
  // What the user read when they started, and the version the next save claims to build on.
  const [lest, setLest] = useState<Verdier>({});
  const [versjon, setVersjon] = useState(record.versjon);
  const [utkast, setUtkast] = useState<Verdier>({});
  const [konflikt, setKonflikt] = useState<R | null>(null);
  const [lagret, setLagret] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const start = () => {
    const v = verdier(record, felter);
    setLest(v);
    setUtkast(v);
    setVersjon(record.versjon);
    setKonflikt(null);
    setLagret(false);
    setAapen(true);
  };
  const endringer = Object.fromEntries(felter.filter((f) => utkast[f.navn] !== lest[f.navn]).map((f) => [f.navn, utkast[f.navn]!.trim() === '' && !f.paakrevd ? null : utkast[f.navn]!]));
  const ugyldig = felter.some((f) => f.paakrevd && !utkast[f.navn]?.trim());

  const send = async (mot: number) => {
    setError(null);
    try {
      await lagre(endringer, mot);
      setAapen(false);
      setKonflikt(null);
      setLagret(true);
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.stale && e.problem.gjeldende) {
        // Fields the user did not touch follow the record as it is now; their own edits stay.
        const gjeldende = e.problem.gjeldende as R;
        const naa = verdier(gjeldende, felter);
        const urort = felter.filter((f) => utkast[f.navn] === lest[f.navn]).map((f) => f.navn);
        setLest({ ...lest, ...Object.fromEntries(urort.map((n) => [n, naa[n]!])) });
        setUtkast({ ...utkast, ...Object.fromEntries(urort.map((n) => [n, naa[n]!])) });
        setKonflikt(gjeldende);
        onChanged();
      } else setError(e);
    }
  };
  const forkast = () => {
    const naa = verdier(konflikt!, felter);
    setLest(naa);
    setUtkast(naa);
    setVersjon(konflikt!.versjon);
    setKonflikt(null);
  };

  if (!aapen) {
    if (!kanEndre(record)) return null;
    return (
      <div className={s.row}>
        <Button onClick={start}>{tittel}</Button>
        <StatusRegion>{lagret ? t.endre.lagret : null}</StatusRegion>
      </div>
    );
  }
  const naa = konflikt ? verdier(konflikt, felter) : null;
  return (
    <section className={s.section} role="group" aria-label={tittel}>
      {felter.map((f) => {
        const props = { value: utkast[f.navn] ?? '', onChange: (_: unknown, d: { value: string }) => setUtkast({ ...utkast, [f.navn]: d.value }) };
        return (
          <Field key={f.navn} label={f.label} required={f.paakrevd}>
            {f.type === 'textarea' ? <Textarea {...props} /> : <Input type={f.type ?? 'text'} {...props} />}
          </Field>
        );
      })}
      {konflikt && naa ? (
        <MessageBar intent="warning" layout="multiline" data-testid="konflikt">
          <MessageBarBody>
            <MessageBarTitle>{t.konflikt.tittel}</MessageBarTitle>
            {t.konflikt.tekst}
            <dl>
              {felter.map((f) => (
                <div key={f.navn}>
                  <dt>{f.label}</dt>
                  <dd>{naa[f.navn] || '–'}</dd>
                </div>
              ))}
            </dl>
            {kanEndre(konflikt) ? null : t.konflikt.laast}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={s.row}>
        {konflikt ? (
          <>
            {kanEndre(konflikt) ? (
              <Button appearance="primary" disabled={ugyldig} onClick={() => void send(konflikt.versjon)}>
                {t.konflikt.lagrePaaNytt}
              </Button>
            ) : null}
            <Button onClick={forkast}>{t.konflikt.forkast}</Button>
          </>
        ) : (
          <Button appearance="primary" disabled={ugyldig || Object.keys(endringer).length === 0} onClick={() => void send(versjon)}>
            {t.save}
          </Button>
        )}
        <Button onClick={() => setAapen(false)}>{t.cancel}</Button>
      </div>
      <ErrorBar error={error} />
    </section>
  );
}
