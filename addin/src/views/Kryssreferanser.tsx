import { Button, Field, Input, Link, Subtitle2 } from '@fluentui/react-components';
import { type FormEvent, Fragment, useRef, useState } from 'react';
import type { Api } from '../api/client';
import type { Ende, Kryssreferanse } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, Loading, useLoad, useStyles } from './common';
import type { Navigate } from './nav';

interface Treff {
  readonly ende: Ende;
  readonly tekst: string;
}

/**
 * A sak's or journalpost's kryssreferanser both ways, as links to the other record; add one by
 * search (saksnummer, journalnummer or title) and remove one, as the server's abilities allow.
 * The other end arrives screened by the server (line 2 is ***** for who may not see it).
 */
export function Kryssreferanser({ api, ende, kanLeggeTil, navigate, refreshKey }: { api: Api; ende: Ende; kanLeggeTil: boolean; navigate: Navigate; refreshKey: number }) {
  const t = useT();
  const s = useStyles();
  const [tick, setTick] = useState(0);
  const liste = useLoad(() => api.kryssreferanser(ende), [ende.type, ende.id, refreshKey, tick]);
  const [sok, setSok] = useState('');
  const [treff, setTreff] = useState<Treff[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const headingId = `kryss-${ende.type}-h`;
  // The hit clicked goes away with the list: focus returns to the search field, not to the page.
  const sokRef = useRef<HTMLInputElement>(null);

  const run = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    }
  };
  const finn = (e: FormEvent) => {
    e.preventDefault();
    if (!sok.trim()) return;
    void run(async () => {
      const r = await api.sok(sok.trim());
      const allerede = new Set((liste.data?.refererer ?? []).map((k) => k.objekt.systemId));
      setTreff(
        [
          ...r.saker.items.map((x): Treff => ({ ende: { type: 'sak', id: x.systemId }, tekst: `${t.sak} ${x.saksnummer} ${x.tittel}` })),
          ...r.journalposter.items.map((x): Treff => ({ ende: { type: 'journalpost', id: x.systemId }, tekst: `${t.journalpost} ${x.registreringsId} ${x.tittel}` })),
        ].filter((x) => x.ende.id !== ende.id && !allerede.has(x.ende.id)),
      );
    });
  };
  const leggTil = (til: Ende) =>
    void run(async () => {
      await api.addKryssreferanse(ende, til.type === 'sak' ? { tilSakId: til.id } : { tilJournalpostId: til.id });
      setTreff(null);
      setSok('');
      sokRef.current?.focus();
      setTick((x) => x + 1);
    });
  const fjern = (k: Kryssreferanse) =>
    void run(async () => {
      await api.fjernKryssreferanse(k.systemId);
      setTick((x) => x + 1);
    });

  const tekst = (k: Kryssreferanse) => {
    const o = k.objekt;
    return `${o.type === 'sak' ? t.sak : t.journalpost} ${o.nummer} ${o.tittel}${o.tittel2 ? ` – ${o.tittel2}` : ''}`;
  };
  const rad = (k: Kryssreferanse) => (
    <li key={k.systemId} data-kryssreferanse={k.objekt.systemId}>
      <Link onClick={() => navigate(k.objekt.type === 'sak' ? { view: 'sak', sakId: k.objekt.systemId } : { view: 'journalpost', journalpostId: k.objekt.systemId })}>{tekst(k)}</Link>
      {k.objekt.skjultNivaa > 0 ? <span className={s.muted}> ({t.kryss.skjermet})</span> : null}{' '}
      {k.abilities.fjern ? (
        <Button size="small" aria-label={`${t.kryss.fjernTil} ${k.objekt.nummer}`} onClick={() => fjern(k)}>
          {t.kryss.fjern}
        </Button>
      ) : null}
    </li>
  );

  const data = liste.data;
  return (
    <section className={s.section} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId}>
        {t.kryssreferanser}
      </Subtitle2>
      <ErrorBar error={liste.error} />
      {!data ? (
        liste.error ? null : <Loading />
      ) : data.refererer.length + data.referertFra.length === 0 ? (
        <p className={s.muted}>{t.kryss.ingen}</p>
      ) : (
        ([
          [t.kryss.refererer, data.refererer],
          [t.kryss.referertFra, data.referertFra],
        ] as const).map(([navn, rader]) =>
          rader.length > 0 ? (
            <Fragment key={navn}>
              <p className={s.muted}>{navn}</p>
              <ul className={s.list} aria-label={navn}>
                {rader.map(rad)}
              </ul>
            </Fragment>
          ) : null,
        )
      )}
      {kanLeggeTil ? (
        <form className={s.stack} role="group" aria-label={t.kryss.leggTil} onSubmit={finn}>
          <div className={s.row}>
            <Field label={t.kryss.sok}>
              <Input ref={sokRef} value={sok} onChange={(_, d) => setSok(d.value)} />
            </Field>
            <Button type="submit" disabled={!sok.trim()}>
              {t.search}
            </Button>
          </div>
          {treff ? (
            treff.length === 0 ? (
              <p className={s.muted}>{t.kryss.ingenTreff}</p>
            ) : (
              <ul className={s.list} aria-label={t.kryss.treff}>
                {treff.map((x) => (
                  <li key={x.ende.id}>
                    <Button size="small" aria-label={`${t.kryss.referer} ${x.tekst}`} onClick={() => leggTil(x.ende)}>
                      {x.tekst}
                    </Button>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </form>
      ) : null}
      <ErrorBar error={error} />
    </section>
  );
}
