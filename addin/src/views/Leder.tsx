import { Button, Field, makeStyles, mergeClasses, Select, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import type { LedetEnhet, Meg } from '../api/types';
import { useT } from '../i18n/strings';
import { useStyles } from './common';
import type { Navigate } from './nav';
import { Restanserapport } from './Restanserapport';
import { Saksfordeling } from './Saksfordeling';
import { Stedfortredere } from './Stedfortredere';
import { ViewHeading } from './shell';

type Del = 'restanser' | 'fordeling' | 'stedfortredere';

const useLederStyles = makeStyles({
  // The parts as buttons that wrap at 320 px (a TabList does not wrap, and its arrow-key group adds focus guards).
  deler: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  valgt: { fontWeight: tokens.fontWeightSemibold, borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorCompoundBrandStroke}`, borderRadius: 0 },
});

/**
 * What a leader does beside the desk (§6, §11): the restanserapport, saksfordeling with the
 * unit's Dokumenter i arbeid, and (on one's own desk, not as a deputy) appointing deputies.
 */
export function Leder({ api, meg, enheter, deputy, navigate }: { api: Api; meg: Meg; enheter: readonly LedetEnhet[]; deputy: boolean; navigate: Navigate }) {
  const t = useT();
  const s = useStyles();
  const ls = useLederStyles();
  const [del, setDel] = useState<Del>('restanser');
  const [enhetId, setEnhetId] = useState(enheter[0]?.enhet.systemId ?? '');
  const enhet = enheter.find((e) => e.enhet.systemId === enhetId) ?? enheter[0];
  return (
    <section className={s.stack} aria-labelledby="leder-h">
      <ViewHeading id="leder-h" className="arkiv-ikke-utskrift">
        {t.leder.tittel}
      </ViewHeading>
      <ul className={mergeClasses('arkiv-ikke-utskrift', ls.deler)} aria-label={t.leder.tittel}>
        {(
          [
            ['restanser', t.leder.restanser],
            ['fordeling', t.leder.fordeling],
            ...(deputy ? [] : ([['stedfortredere', t.leder.stedfortredere]] as const)),
          ] as const
        ).map(([d, label]) => (
          <li key={d}>
            <Button size="small" appearance="subtle" className={mergeClasses(del === d && ls.valgt)} aria-current={del === d ? 'true' : undefined} onClick={() => setDel(d)} data-del={d}>
              {label}
            </Button>
          </li>
        ))}
      </ul>
      {del === 'restanser' ? <Restanserapport api={api} enheter={enheter} navigate={navigate} /> : null}
      {del === 'fordeling' && enhet ? (
        <>
          {enheter.length > 1 ? (
            <Field label={t.leder.enhet}>
              <Select value={enhet.enhet.systemId} onChange={(_, d) => setEnhetId(d.value)}>
                {enheter.map((e) => (
                  <option key={e.enhet.systemId} value={e.enhet.systemId}>
                    {e.enhet.navn}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <Saksfordeling key={enhet.enhet.systemId} api={api} enhet={enhet} navigate={navigate} />
        </>
      ) : null}
      {del === 'stedfortredere' && !deputy ? <Stedfortredere api={api} meg={meg} /> : null}
    </section>
  );
}
