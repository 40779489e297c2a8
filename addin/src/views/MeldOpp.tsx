import { Button, Field, Select, Subtitle2, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import type { JournalpostView, SakView } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, useLoad, useStyles } from './common';
import { StatusRegion } from './shell';

/**
 * §10.5 Meld opp: an approved saksframlegg (S, status F or later) or a delegated decision is
 * reported to a committee meeting; the server gives it its utvalgssaksnummer.
 */
export function MeldOpp({ api, jp, onChanged }: { api: Api; jp: JournalpostView; onChanged: () => void }) {
  const t = useT();
  const s = useStyles();
  const moeter = useLoad(() => api.moeter(), [api]);
  const [moeteId, setMoeteId] = useState('');
  const [meldt, setMeldt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const aktuell = (jp.journalposttype === 'S' && ['F', 'E', 'J', 'A'].includes(jp.journalstatus)) || jp.delegertVedtak === true;
  // The server checks the right on the journalpost (an approved one is locked for editing, not for meld opp).
  if (!aktuell) return null;
  const meld = async () => {
    setError(null);
    try {
      await api.meldOpp(jp.systemId, { moeteId });
      const m = moeter.data?.find((x) => x.systemId === moeteId);
      setMeldt(m ? `${m.utvalg.navn} ${m.moetedato.split('-').reverse().join('.')}` : moeteId);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className={s.section} aria-labelledby="meldopp-h">
      <Subtitle2 as="h3" id="meldopp-h">
        {t.meldOpp.tittel}
      </Subtitle2>
      {moeter.data && !moeter.data.length ? <span className={s.muted}>{t.meldOpp.ingen}</span> : null}
      <Field label={t.meldOpp.moete}>
        <Select value={moeteId} onChange={(_, d) => setMoeteId(d.value)}>
          <option value="">–</option>
          {(moeter.data ?? []).map((m) => (
            <option key={m.systemId} value={m.systemId}>
              {m.utvalg.navn} {m.moetedato.split('-').reverse().join('.')}
              {m.sted ? `, ${m.sted}` : ''}
            </option>
          ))}
        </Select>
      </Field>
      <Button disabled={!moeteId} onClick={() => void meld()}>
        {t.meldOpp.knapp}
      </Button>
      <StatusRegion>{meldt ? `${t.meldOpp.meldt} ${meldt}` : null}</StatusRegion>
      <ErrorBar error={error} />
    </section>
  );
}

/** §12.8: a sak created by mistake; the saksbehandler asks the dokumentsenter (Beskjed til dokumentsenteret) to mark it UTGÅR. */
export function UtgaarForespoersel({ api, sak }: { api: Api; sak: SakView }) {
  const t = useT();
  const s = useStyles();
  const mottakere = useLoad(() => api.dokumentsenteret(), [api]);
  const [grunn, setGrunn] = useState('');
  const [sendt, setSendt] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (sak.abilities.addMerknad === false || ['A', 'U'].includes(sak.saksstatus)) return null;
  const send = async () => {
    setError(null);
    try {
      const ids = (mottakere.data ?? []).map((b) => b.systemId);
      await api.sendOppgave({ oppgavetype: 'DOKUMENTSENTER', sakId: sak.systemId, mottakerIds: ids, merknad: `Sett saken ${sak.saksnummer} til UTGÅR (§12.8): ${grunn.trim()}`, merknadForAlle: true });
      setSendt(true);
      setGrunn('');
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className={s.section} aria-labelledby="utgaar-h">
      <Subtitle2 as="h3" id="utgaar-h">
        {t.utgaar.tittel}
      </Subtitle2>
      <span className={s.muted}>{t.utgaar.forklaring}</span>
      <Field label={t.utgaar.grunn} required>
        <Textarea value={grunn} onChange={(_, d) => setGrunn(d.value)} />
      </Field>
      <Button disabled={!grunn.trim() || !mottakere.data?.length} onClick={() => void send()}>
        {t.utgaar.knapp}
      </Button>
      <StatusRegion>{sendt ? t.utgaar.sendt : null}</StatusRegion>
      <ErrorBar error={error} />
    </section>
  );
}
