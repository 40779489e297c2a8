import { Button, Field, Input, Link, Select, Subtitle2 } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { JOURNALSTATUSER, SAKSSTATUSER, SAKSTYPER, type SokQuery, type SokResult } from '@arkiv/shared';
import type { Api } from '../api/client';
import { useT } from '../i18n/strings';
import { ErrorBar, Loading, useLoad, useStyles } from './common';
import type { Navigate } from './nav';
import { ViewHeading } from './shell';

type Filtre = Pick<SokQuery, 'sakstype' | 'saksstatus' | 'fra' | 'til' | 'korrespondent'>;
const SIDE = 20;

/**
 * Find (§4 "search before you create"): one box for a saksnummer, journalnummer, words or a
 * name, with filters; each hit opens its sak or journalpost. The server searches only what the
 * user may see (screened words never match), so the pane shows what it gets. Before a search,
 * the recently used saker (Siste saksmapper).
 */
export function Finn({ api, navigate }: { api: Api; navigate: Navigate }) {
  const t = useT();
  const s = useStyles();
  const [q, setQ] = useState('');
  const [filtre, setFiltre] = useState<Filtre>({});
  const [resultat, setResultat] = useState<{ kriterier: SokQuery; svar: SokResult } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const siste = useLoad(() => api.sisteSaker(), [api]);

  const hent = async (kriterier: SokQuery, leggTil: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const svar = await api.finn(kriterier);
      setResultat((forrige) =>
        leggTil && forrige
          ? { kriterier, svar: { saker: { ...svar.saker, items: [...forrige.svar.saker.items, ...svar.saker.items] }, journalposter: { ...svar.journalposter, items: [...forrige.svar.journalposter.items, ...svar.journalposter.items] } } }
          : { kriterier, svar },
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const sok = (e: FormEvent) => {
    e.preventDefault();
    if (!q.trim()) return;
    const valgt = Object.fromEntries(Object.entries(filtre).filter(([, v]) => v)) as Filtre;
    void hent({ q: q.trim(), ...valgt, limit: SIDE, offset: 0 }, false);
  };
  const flere = () => {
    if (!resultat) return;
    void hent({ ...resultat.kriterier, offset: (resultat.kriterier.offset ?? 0) + SIDE }, true);
  };
  const sett = (k: keyof Filtre) => (v: string) => setFiltre((f) => ({ ...f, [k]: v || undefined }));
  const antall = (side: { total: number; avkortet: boolean }) => `${side.avkortet ? `${t.finn.minst} ` : ''}${side.total}`;
  const jpStatus = (kode: string) => JOURNALSTATUSER.find((x) => x.kode === kode)?.navn ?? kode;
  const sakStatus = (kode: string) => SAKSSTATUSER.find((x) => x.kode === kode)?.navn ?? kode;

  const svar = resultat?.svar;
  const kanFlere = svar && (svar.saker.items.length < svar.saker.total || svar.journalposter.items.length < svar.journalposter.total || svar.saker.avkortet || svar.journalposter.avkortet);

  return (
    <section className={s.stack} aria-labelledby="finn-h">
      <ViewHeading id="finn-h">
        {t.finn.overskrift}
      </ViewHeading>
      <form role="search" className={s.stack} onSubmit={sok}>
        <Field label={t.finn.sokefelt} hint={t.finn.hjelp}>
          <Input type="search" value={q} onChange={(_, d) => setQ(d.value)} autoFocus />
        </Field>
        <details>
          <summary>{t.finn.filtre}</summary>
          <div className={s.stack}>
            <Field label={t.sakstype}>
              <Select value={filtre.sakstype ?? ''} onChange={(_, d) => sett('sakstype')(d.value)}>
                <option value="">{t.finn.alle}</option>
                {SAKSTYPER.map((x) => (
                  <option key={x.kode} value={x.kode}>
                    {x.navn} ({x.kode})
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t.finn.saksstatus}>
              <Select value={filtre.saksstatus ?? ''} onChange={(_, d) => sett('saksstatus')(d.value)}>
                <option value="">{t.finn.alle}</option>
                {SAKSSTATUSER.map((x) => (
                  <option key={x.kode} value={x.kode}>
                    {x.navn}
                  </option>
                ))}
              </Select>
            </Field>
            <div className={s.row}>
              <Field label={t.finn.fra}>
                <Input type="date" value={filtre.fra ?? ''} onChange={(_, d) => sett('fra')(d.value)} />
              </Field>
              <Field label={t.finn.til}>
                <Input type="date" value={filtre.til ?? ''} onChange={(_, d) => sett('til')(d.value)} />
              </Field>
            </div>
            <Field label={t.finn.korrespondent}>
              <Input value={filtre.korrespondent ?? ''} onChange={(_, d) => sett('korrespondent')(d.value)} />
            </Field>
          </div>
        </details>
        <div className={s.row}>
          <Button type="submit" appearance="primary" disabled={busy || !q.trim()}>
            {t.finn.sok}
          </Button>
          {busy ? <Loading /> : null}
        </div>
      </form>
      <ErrorBar error={error} />

      {svar ? (
        <>
          <section className={s.section} aria-labelledby="finn-saker-h">
            <Subtitle2 as="h3" id="finn-saker-h">
              {t.finn.saker} ({antall(svar.saker)})
            </Subtitle2>
            {svar.saker.items.length === 0 ? (
              <p className={s.muted}>{t.finn.ingenTreff}</p>
            ) : (
              <ul className={s.list} data-testid="finn-saker">
                {svar.saker.items.map((x) => (
                  <li key={x.systemId}>
                    <Link onClick={() => navigate({ view: 'sak', sakId: x.systemId })}>
                      {x.saksnummer} {x.tittel}
                    </Link>
                    <span className={s.muted}> · {sakStatus(x.saksstatus)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className={s.section} aria-labelledby="finn-jp-h">
            <Subtitle2 as="h3" id="finn-jp-h">
              {t.finn.journalposter} ({antall(svar.journalposter)})
            </Subtitle2>
            {svar.journalposter.items.length === 0 ? (
              <p className={s.muted}>{t.finn.ingenTreff}</p>
            ) : (
              <ul className={s.list} data-testid="finn-journalposter">
                {svar.journalposter.items.map((x) => (
                  <li key={x.systemId}>
                    <Link onClick={() => navigate({ view: 'journalpost', journalpostId: x.systemId })}>
                      {x.registreringsId} {x.tittel}
                    </Link>
                    <span className={s.muted}>
                      {' '}
                      · {x.journalposttype} · {jpStatus(x.journalstatus)} · {x.journaldato.split('-').reverse().join('.')}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {kanFlere ? (
            <Button onClick={flere} disabled={busy}>
              {t.finn.flere}
            </Button>
          ) : null}
        </>
      ) : (
        <section className={s.section} aria-labelledby="finn-siste-h">
          <Subtitle2 as="h3" id="finn-siste-h">
            {t.finn.sisteSaker}
          </Subtitle2>
          {siste.error ? <ErrorBar error={siste.error} /> : null}
          {siste.data?.length === 0 ? <p className={s.muted}>{t.empty}</p> : null}
          <ul className={s.list}>
            {(siste.data ?? []).map((x) => (
              <li key={x.systemId}>
                <Link onClick={() => navigate({ view: 'sak', sakId: x.systemId })}>
                  {x.saksnummer} {x.tittel}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
