import { Button, Field, Input, Link, Select, Subtitle2, tokens, makeStyles } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { datoI, kodenavn, STANDARD_TIDSSONE, visDato } from '@arkiv/shared';
import type { Api } from '../api/client';
import type { LedetEnhet, RestanseKriterier, Restanserapport as Rapport } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, Loading, useStyles } from './common';
import type { Navigate } from './nav';
import './utskrift.css';

/** Numbers line up on the right (inline: the table's cell rule would win over a class). */
const TALL = { textAlign: 'end' } as const;

const useRapportStyles = makeStyles({
  tabell: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'start', paddingInline: tokens.spacingHorizontalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
  detaljer: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  forfalt: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/**
 * §11.1 Restanserapport: the unit's restanser, or one saksbehandler's, over a period. The server
 * remembers the last criteria (for the user, on any device): the first request asks without
 * criteria and fills the form with the ones it answers with. Printable (utskrift.css), and the
 * server has already screened what the leader may not see.
 */
export function Restanserapport({ api, enheter, navigate }: { api: Api; enheter: readonly LedetEnhet[]; navigate: Navigate }) {
  const t = useT();
  const s = useStyles();
  const r = useRapportStyles();
  const [k, setK] = useState<RestanseKriterier>({});
  const [rapport, setRapport] = useState<Rapport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const hent = async (kriterier?: RestanseKriterier) => {
    setError(null);
    setLoading(true);
    try {
      const svar = await api.restanserapport(kriterier);
      setRapport(svar);
      setK(svar.kriterier);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void hent();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  // Until the remembered criteria have come, the form waits: what the user typed is never overwritten by them.
  const venter = loading && rapport === null;
  const enhet = enheter.find((e) => e.enhet.systemId === k.enhetId) ?? enheter[0];
  const brukere = enhet?.brukere ?? [];
  const navn = (id: string) => rapport?.perSaksbehandler.find((p) => p.saksbehandler.systemId === id)?.saksbehandler.navn ?? brukere.find((b) => b.systemId === id)?.navn ?? '';
  const idag = datoI(new Date(), STANDARD_TIDSSONE);
  const vis = () => void hent({ enhetId: k.enhetId ?? enhet?.enhet.systemId, ...(k.saksbehandlerId ? { saksbehandlerId: k.saksbehandlerId } : {}), ...(k.fra ? { fra: k.fra } : {}), ...(k.til ? { til: k.til } : {}) });

  return (
    <section className={s.stack} aria-labelledby="restanserapport-h">
      <Subtitle2 as="h3" id="restanserapport-h">
        {t.leder.rapport}
      </Subtitle2>
      <div className={`${s.stack} arkiv-ikke-utskrift`} role="group" aria-label={t.leder.rapport}>
        {enheter.length > 1 ? (
          <Field label={t.leder.enhet}>
            <Select disabled={venter} value={enhet?.enhet.systemId ?? ''} onChange={(_, d) => setK({ ...k, enhetId: d.value, saksbehandlerId: undefined })}>
              {enheter.map((e) => (
                <option key={e.enhet.systemId} value={e.enhet.systemId}>
                  {e.enhet.navn}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field label={t.leder.saksbehandler}>
          <Select disabled={venter} value={k.saksbehandlerId ?? ''} onChange={(_, d) => setK({ ...k, saksbehandlerId: d.value || undefined })}>
            <option value="">{t.leder.heleEnheten}</option>
            {brukere.map((b) => (
              <option key={b.systemId} value={b.systemId}>
                {b.navn}
              </option>
            ))}
          </Select>
        </Field>
        <div className={s.row}>
          <Field label={t.leder.fra}>
            <Input disabled={venter} type="date" value={k.fra ?? ''} onChange={(_, d) => setK({ ...k, fra: d.value || undefined })} />
          </Field>
          <Field label={t.leder.til}>
            <Input disabled={venter} type="date" value={k.til ?? ''} onChange={(_, d) => setK({ ...k, til: d.value || undefined })} />
          </Field>
        </div>
        <div className={s.row}>
          <Button appearance="primary" onClick={vis} disabled={loading}>
            {t.leder.vis}
          </Button>
          <Button onClick={() => window.print()} disabled={!rapport}>
            {t.leder.skrivUt}
          </Button>
        </div>
        <p className={s.muted}>{t.leder.husket}</p>
      </div>
      {loading ? <Loading /> : null}
      <ErrorBar error={error} />
      {rapport ? (
        <div className="arkiv-utskrift" data-testid="restanserapport">
          <p>
            <strong>
              {t.leder.rapport}: {rapport.kriterier.saksbehandlerId ? navn(rapport.kriterier.saksbehandlerId) : (enheter.find((e) => e.enhet.systemId === rapport.kriterier.enhetId)?.enhet.navn ?? '')}
            </strong>
            <br />
            {t.leder.periode}: {rapport.kriterier.fra ? visDato(rapport.kriterier.fra) : '…'} – {rapport.kriterier.til ? visDato(rapport.kriterier.til) : '…'} · {t.leder.utskrevet} {visDato(idag)}
          </p>
          <table className={r.tabell} aria-label={t.leder.restanser}>
            <thead>
              <tr>
                <th scope="col">{t.leder.saksbehandler}</th>
                <th scope="col" style={TALL}>
                  {t.leder.antall}
                </th>
                <th scope="col" style={TALL}>
                  {t.leder.forfalt}
                </th>
              </tr>
            </thead>
            <tbody>
              {rapport.perSaksbehandler.map((p) => (
                <tr key={p.saksbehandler.systemId}>
                  <td>{p.saksbehandler.navn}</td>
                  <td style={TALL}>{p.antall}</td>
                  <td style={TALL}>{p.forfalt}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rapport.journalposter.length === 0 ? <p className={s.muted}>{t.leder.ingenRestanser}</p> : null}
          <ul className={s.list} aria-label={t.leder.restanser}>
            {rapport.journalposter.map((j) => (
              <li key={`${j.systemId}-${j.saksbehandlerId}`}>
                <Link onClick={() => navigate({ view: 'journalpost', journalpostId: j.systemId })}>
                  {j.registreringsId} {j.tittel}
                  {j.tittel2 ? ` – ${j.tittel2}` : ''}
                </Link>
                <br />
                <span className={r.detaljer}>
                  {kodenavn('journalposttype', j.journalposttype)} · {t.leder.journaldato} {visDato(j.journaldato)}
                  {j.forfallsdato ? (
                    <>
                      {' · '}
                      <span className={j.forfalt ? r.forfalt : undefined}>
                        {t.forfallsdato} {visDato(j.forfallsdato)}
                        {j.forfalt ? ` (${t.leder.forfalt.toLowerCase()})` : ''}
                      </span>
                    </>
                  ) : null}
                  {' · '}
                  {navn(j.saksbehandlerId)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
