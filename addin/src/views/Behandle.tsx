import { Button, Field, Input, Select, Subtitle2, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import type { AvskrivInput, BesvarInput, JournalpostView, Kodelister } from '../api/types';
import { useT } from '../i18n/strings';
import type { MailboxPort } from '../office/port';
import { ErrorBar, useLoad, useStyles } from './common';
import type { Navigate } from './nav';
import { BesvarerOgsaa, SvarMedEpostKnapp } from './SvarMedEpost';

type Maate = BesvarInput['maate'];
const MAATER: readonly Maate[] = ['besvar_og_avskriv', 'forelopig_svar', 'besvar_uten_avskrivning'];

/**
 * Behandle (§10.2): avskriv with only the codes the dokumenttype allows (from the server's
 * kodelister; TLF asks for a merknad; BU/BI/BX/NX point at the finished reply), or answer in
 * writing (POST /api/svar): a U reply to the senders, its letter written from a template
 * (POST /api/journalposter/:id/brev) or uploaded, or an answer by mail in Outlook.
 */
export function Behandle({ api, port, jp, kodelister, onChanged, navigate }: { api: Api; port: MailboxPort; jp: JournalpostView; kodelister: Kodelister | undefined; onChanged: () => void; navigate: Navigate }) {
  const t = useT();
  const s = useStyles();
  const codes = (kodelister?.avskrivningsmaate ?? []).filter((m) => m.gjelder.includes(jp.journalposttype));
  const [kode, setKode] = useState('');
  const [merknad, setMerknad] = useState('');
  const [svarJpId, setSvarJpId] = useState('');
  const [maate, setMaate] = useState<Maate>('besvar_og_avskriv');
  const [svarTittel, setSvarTittel] = useState(`Svar – ${jp.tittel}`);
  const [malId, setMalId] = useState('');
  const [fil, setFil] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  // One reply to several journalposter (§10.2): the others it answers too.
  const [ogsaa, setOgsaa] = useState<string[]>([]);
  const maler = useLoad(() => api.maler({ journalposttype: 'U' }), [api]);
  const chosen = codes.find((c) => c.kode === kode);
  // A code that names the reply (§10.2: BU, BI, BX, NX) offers the sak's journalposter of that kind.
  const svartype = chosen?.svar ?? null;
  const medSvar = svartype !== null;
  const andre = useLoad(() => (svartype ? api.sakJournalposter(jp.sakId, { limit: 200 }).then((p) => p.items.filter((x) => x.systemId !== jp.systemId && x.journalposttype === svartype)) : Promise.resolve([])), [api, jp.sakId, svartype]);
  if (!jp.restanse || codes.length === 0 || jp.abilities.avskriv === false) return null;

  const avskriv = async () => {
    setError(null);
    try {
      await api.avskriv(jp.systemId, { avskrivningsmaate: kode as AvskrivInput['avskrivningsmaate'], ...(merknad.trim() ? { merknad: merknad.trim() } : {}), ...(medSvar && svarJpId ? { svarJournalpostId: svarJpId } : {}) });
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
      const svar = await api.besvar({ maate, journalpostIds: [jp.systemId, ...ogsaa], tittel: svarTittel.trim() });
      if (malId) await api.skrivBrev(svar.systemId, { malId });
      else if (fil) await api.uploadDokument(svar.systemId, fil, fil.name, { tilknytning: 'H' });
      navigate({ view: 'journalpost', journalpostId: svar.systemId });
    } catch (e) {
      setError(e);
    }
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
        {medSvar ? (
          <Field label={t.ferdigSvar}>
            <Select value={svarJpId} onChange={(_, d) => setSvarJpId(d.value)}>
              <option value="">–</option>
              {(andre.data ?? []).map((x) => (
                <option key={x.systemId} value={x.systemId}>
                  {x.registreringsId} {x.journalposttype} {x.tittel}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field label={t.merknad} required={!!chosen?.krevMerknad} validationMessage={chosen?.krevMerknad && !merknad.trim() ? t.merknadRequired : undefined}>
          <Textarea value={merknad} onChange={(_, d) => setMerknad(d.value)} />
        </Field>
        <Button disabled={!kode || (!!chosen?.krevMerknad && !merknad.trim()) || (medSvar && !svarJpId)} onClick={() => void avskriv()}>
          {t.avskriv}
        </Button>
      </div>
      <BesvarerOgsaa api={api} jp={jp} valgt={ogsaa} setValgt={setOgsaa} />
      {jp.journalposttype === 'I' ? (
        <div className={s.stack} role="group" aria-label={t.svarEpost.knapp}>
          <span className={s.muted}>{t.svarEpost.forklaring}</span>
          <SvarMedEpostKnapp api={api} port={port} jp={jp} ogsaa={ogsaa} />
        </div>
      ) : null}
      <div className={s.stack} role="group" aria-label={t.besvar}>
        <Field label={t.besvar}>
          <Select value={maate} onChange={(_, d) => setMaate(d.value as Maate)}>
            {MAATER.map((m) => (
              <option key={m} value={m}>
                {t.besvarMaater[m]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.tittel}>
          <Input value={svarTittel} onChange={(_, d) => setSvarTittel(d.value)} />
        </Field>
        <Field label={t.brevFraMal}>
          <Select value={malId} onChange={(_, d) => setMalId(d.value)}>
            <option value="">–</option>
            {(maler.data ?? []).map((m) => (
              <option key={m.systemId} value={m.systemId}>
                {m.navn}
              </option>
            ))}
          </Select>
        </Field>
        {!malId ? (
          <label>
            {t.lastOppBrev} <input type="file" onChange={(e) => setFil(e.target.files?.[0] ?? null)} />
          </label>
        ) : null}
        <div className={s.row}>
          <Button disabled={!svarTittel.trim()} onClick={() => void besvar()}>
            {t.writeLetter}
          </Button>
        </div>
      </div>
      <ErrorBar error={error} />
    </section>
  );
}
