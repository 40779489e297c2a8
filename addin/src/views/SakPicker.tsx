import { kodeOgNavn } from '@arkiv/shared';
import { Button, Field, Input, Link, MessageBar, MessageBarBody, Select, Subtitle2 } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Api } from '../api/client';
import type { SakView } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, useLoad, useStyles } from './common';
import { type RecentSak, rememberSak } from './nav';

const SAKSTYPER = ['GS', 'BS', 'BHG', 'DS', 'ELEV', 'ES', 'PERS', 'PS', 'RS', 'SFO', 'ST'] as const;

export interface NySak {
  readonly sakTittel: string;
  readonly sakstype: string;
}

/**
 * Find a sak (search), create one (with the duplicate warning, §4), or pick a recent one. With
 * `onNew` a new sak is not created here: the caller gets its title and type and creates it
 * together with what goes into it (the mail import does, in one transaction), so an import
 * that fails leaves no empty sak behind.
 */
export function SakPicker({
  api,
  value,
  onChange,
  startNew,
  suggestedTitle,
  onNew,
  pendingNew,
}: {
  api: Api;
  value: RecentSak | null;
  onChange: (s: RecentSak) => void;
  startNew?: boolean;
  suggestedTitle: string;
  onNew?: (ny: NySak) => void;
  pendingNew?: NySak | null;
}) {
  const t = useT();
  const s = useStyles();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SakView[] | null>(null);
  const [creating, setCreating] = useState(!!startNew);
  const [tittel, setTittel] = useState(suggestedTitle);
  const [sakstype, setSakstype] = useState<(typeof SAKSTYPER)[number]>('GS');
  const [duplicates, setDuplicates] = useState<SakView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const newTitle = useRef<HTMLInputElement>(null);
  // §10.3 "a recently used sak": the server's list of the saker this user worked in last.
  const siste = useLoad(() => api.sisteSaker(), [api]);
  useEffect(() => {
    if (creating) newTitle.current?.focus();
  }, [creating]);
  useEffect(() => setCreating(!!startNew), [startNew]);

  const choose = (sak: { systemId: string; saksnummer: string; tittel: string }) => {
    const r = { sakId: sak.systemId, saksnummer: sak.saksnummer, tittel: sak.tittel };
    rememberSak(r);
    onChange(r);
    setHits(null);
    setCreating(false);
    setDuplicates(null);
  };
  const search = async () => {
    setError(null);
    try {
      setHits((await api.listSaker({ q, limit: 20 })).items);
    } catch (e) {
      setError(e);
    }
  };
  const create = async (force: boolean) => {
    setError(null);
    try {
      if (!force) {
        // Search before creating (§4): words of the title that say something.
        const words = tittel.split(/\s+/).filter((w) => w.length > 3).slice(0, 3).join(' ');
        const similar = words ? (await api.listSaker({ q: words, limit: 5 })).items : [];
        if (similar.length) return setDuplicates(similar);
      }
      if (onNew) {
        onNew({ sakTittel: tittel.trim(), sakstype });
        setCreating(false);
        setDuplicates(null);
        setHits(null);
        return;
      }
      choose(await api.createSak({ tittel: tittel.trim(), sakstype }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className={s.section} aria-labelledby="sak-h">
      <Subtitle2 as="h3" id="sak-h">
        {t.chosenSak}: {pendingNew ? `${t.newSakPending} «${pendingNew.sakTittel}» (${kodeOgNavn('sakstype', pendingNew.sakstype)})` : value ? `${value.saksnummer} ${value.tittel}` : '–'}
      </Subtitle2>
      <div className={s.row}>
        <Field label={t.searchSak}>
          <Input value={q} onChange={(_, d) => setQ(d.value)} onKeyDown={(e) => e.key === 'Enter' && void search()} />
        </Field>
        <Button onClick={() => void search()}>{t.search}</Button>
        <Button onClick={() => setCreating(true)}>{t.newSak}</Button>
      </div>
      {hits ? (
        <ul className={s.list} aria-label={t.searchSak}>
          {hits.length === 0 ? <li>{t.empty}</li> : null}
          {hits.map((h) => (
            <li key={h.systemId}>
              <Link onClick={() => choose(h)}>
                {h.saksnummer} {h.tittel}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {siste.data?.length ? (
        <Field label={t.recentSaker}>
          <Select
            value=""
            onChange={(_, d) => {
              const r = siste.data?.find((x) => x.systemId === d.value);
              if (r) choose(r);
            }}
          >
            <option value="">–</option>
            {siste.data.map((r) => (
              <option key={r.systemId} value={r.systemId}>
                {r.saksnummer} {r.tittel}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {creating ? (
        <div className={s.stack} role="group" aria-label={t.newSak}>
          <Field label={t.tittel} required>
            <Input ref={newTitle} value={tittel} onChange={(_, d) => setTittel(d.value)} />
          </Field>
          <Field label={t.sakstype}>
            <Select value={sakstype} onChange={(_, d) => setSakstype(d.value as (typeof SAKSTYPER)[number])}>
              {SAKSTYPER.map((k) => (
                <option key={k} value={k}>
                  {kodeOgNavn('sakstype', k)}
                </option>
              ))}
            </Select>
          </Field>
          {duplicates ? (
            <MessageBar intent="warning">
              <MessageBarBody>
                {t.duplicateWarning}
                <ul>
                  {duplicates.map((d) => (
                    <li key={d.systemId}>
                      <Link onClick={() => choose(d)}>
                        {d.saksnummer} {d.tittel}
                      </Link>
                    </li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <div className={s.row}>
            <Button appearance="primary" disabled={!tittel.trim()} onClick={() => void create(!!duplicates)}>
              {duplicates ? t.createAnyway : t.create}
            </Button>
            <Button onClick={() => { setCreating(false); setDuplicates(null); }}>{t.cancel}</Button>
          </div>
        </div>
      ) : null}
      <ErrorBar error={error} />
    </section>
  );
}
