import { Button, Field, Select, Subtitle2, Textarea, Input } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import type { BesvarMaate, JournalpostView, Kodelister } from '../api/types';
import { useT } from '../i18n/strings';
import type { MailboxPort } from '../office/port';
import { ErrorBar, useLoad, useStyles } from './common';
import type { Navigate } from './nav';

const MAATER: readonly BesvarMaate[] = ['AVSKRIV_MED_FERDIG_SVAR', 'BESVAR_OG_AVSKRIV', 'FORELOEPIG_SVAR', 'BESVAR_UTEN_AVSKRIVING'];

/**
 * Behandle (§10.2): avskriv with only the codes the dokumenttype allows (from the server's
 * kodelister; TLF asks for a merknad), the four ways to answer in writing, a letter or notat
 * from a template, or an answer by mail in Outlook.
 */
export function Behandle({ api, port, jp, kodelister, onChanged, navigate }: { api: Api; port: MailboxPort; jp: JournalpostView; kodelister: Kodelister | undefined; onChanged: () => void; navigate: Navigate }) {
  const t = useT();
  const s = useStyles();
  const codes = (kodelister?.avskrivningsmaate ?? []).filter((m) => m.gjelder.includes(jp.journalposttype));
  const [kode, setKode] = useState('');
  const [merknad, setMerknad] = useState('');
  const [maate, setMaate] = useState<BesvarMaate>('BESVAR_OG_AVSKRIV');
  const [svarType, setSvarType] = useState<'U' | 'N' | 'X'>('U');
  const [svarTittel, setSvarTittel] = useState(`Svar – ${jp.tittel}`);
  const [malId, setMalId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const maler = useLoad(() => api.maler(svarType), [svarType]);
  const chosen = codes.find((c) => c.kode === kode);
  if (codes.length === 0 || jp.abilities.avskriv === false) return null;

  const avskriv = async () => {
    setError(null);
    try {
      await api.avskriv(jp.systemId, { avskrivningsmaate: kode, ...(merknad.trim() ? { merknad: merknad.trim() } : {}) });
      setKode('');
      setMerknad('');
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const besvar = async () => {
    setError(null);
    try {
      const svar = await api.besvar(jp.systemId, { maate, journalposttype: svarType, tittel: svarTittel, ...(malId ? { malId } : {}) });
      navigate({ view: 'journalpost', journalpostId: svar.systemId });
    } catch (e) {
      setError(e);
    }
  };
  const answerByMail = () => {
    const to = jp.korrespondanseparter.filter((p) => p.korrespondanseparttype === 'EA' && p.epostadresse).map((p) => p.epostadresse!);
    void port.newMessage({ to, subject: `SV: ${jp.tittel}`, htmlBody: `<p></p><p>Vår ref.: ${jp.saksnummer}</p>` }).catch(setError);
  };

  return (
    <section className={s.section} aria-labelledby="behandle-h">
      <Subtitle2 as="h3" id="behandle-h">
        {t.behandle}
      </Subtitle2>
      <div className={s.stack} role="group" aria-label={t.avskriv}>
        <Field label={t.avskrivningsmaate}>
          <Select value={kode} onChange={(_, d) => setKode(d.value)} data-testid="avskrivningsmaate">
            <option value="">–</option>
            {codes.map((c) => (
              <option key={c.kode} value={c.kode}>
                {c.kode} – {c.navn}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.merknad} required={!!chosen?.krevMerknad} validationMessage={chosen?.krevMerknad && !merknad.trim() ? t.merknadRequired : undefined}>
          <Textarea value={merknad} onChange={(_, d) => setMerknad(d.value)} />
        </Field>
        <Button disabled={!kode || (!!chosen?.krevMerknad && !merknad.trim())} onClick={() => void avskriv()}>
          {t.avskriv}
        </Button>
      </div>
      <div className={s.stack} role="group" aria-label={t.besvar}>
        <Field label={t.besvar}>
          <Select value={maate} onChange={(_, d) => setMaate(d.value as BesvarMaate)}>
            {MAATER.map((m) => (
              <option key={m} value={m}>
                {t.besvarMaater[m]}
              </option>
            ))}
          </Select>
        </Field>
        <div className={s.row}>
          <Field label={t.dokumenttype}>
            <Select value={svarType} onChange={(_, d) => setSvarType(d.value as 'U' | 'N' | 'X')}>
              <option value="U">U – {t.writeLetter}</option>
              <option value="N">N – {t.writeNotat}</option>
              <option value="X">X – {t.writeNotat}</option>
            </Select>
          </Field>
          <Field label={t.mal}>
            <Select value={malId} onChange={(_, d) => setMalId(d.value)}>
              <option value="">–</option>
              {(maler.data ?? []).map((m) => (
                <option key={m.systemId} value={m.systemId}>
                  {m.navn}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field label={t.tittel}>
          <Input value={svarTittel} onChange={(_, d) => setSvarTittel(d.value)} />
        </Field>
        <div className={s.row}>
          <Button onClick={() => void besvar()}>{svarType === 'U' ? t.writeLetter : t.writeNotat}</Button>
          <Button onClick={answerByMail}>{t.answerMail}</Button>
        </div>
      </div>
      <ErrorBar error={error} />
    </section>
  );
}
