import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../../api/client';
import type { JournalpostView } from '../../api/types';
import { ErrorBar, useStyles } from '../common';
import { useArkivT } from './strings';

type Part = JournalpostView['korrespondanseparter'][number];
const EKSTERNE = ['EA', 'EM', 'EK'] as const;

/** The stored party as input again: every field it has, so a correction keeps the rest. */
const somInput = (p: Part): Record<string, unknown> => Object.fromEntries(Object.entries(p).filter(([k, v]) => k !== 'systemId' && v !== null));

/**
 * The dokumentsenter corrects avsender/mottaker where the saksbehandler may no longer
 * (§10.1 step 4, *Beskjed til dokumentsenteret*): rename a party or add a missing one. Offered
 * only where the record's registration may be changed and its parties are not screened from the reader.
 */
export function KorrigerParter({ api, jp, onChanged }: { api: Api; jp: JournalpostView; onChanged: () => void }) {
  const a = useArkivT();
  const s = useStyles();
  const [navn, setNavn] = useState<Record<string, string>>({});
  const [ny, setNy] = useState('');
  const [type, setType] = useState<(typeof EKSTERNE)[number]>(jp.journalposttype === 'I' ? 'EA' : 'EM');
  const [error, setError] = useState<unknown>(null);
  if (jp.abilities.update !== true || jp.laast || jp.korrespondanseparterSkjermet) return null;
  const endret = Object.entries(navn).some(([id, v]) => v.trim() && v.trim() !== jp.korrespondanseparter.find((p) => p.systemId === id)?.navn) || ny.trim();
  const lagre = async () => {
    setError(null);
    try {
      const parter: Record<string, unknown>[] = jp.korrespondanseparter.map((p) => ({ ...somInput(p), navn: navn[p.systemId]?.trim() || p.navn }));
      if (ny.trim()) parter.push({ korrespondanseparttype: type, navn: ny.trim() });
      await api.updateJournalpost(jp.systemId, { korrespondanseparter: parter as never }, jp.versjon);
      setNavn({});
      setNy('');
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className={s.stack} role="group" aria-label={a.korrigerParter}>
      {jp.korrespondanseparter.map((p) => (
        <Field key={p.systemId} label={`${p.korrespondanseparttype}: ${p.navn}`}>
          <Input value={navn[p.systemId] ?? p.navn} onChange={(_, d) => setNavn((x) => ({ ...x, [p.systemId]: d.value }))} />
        </Field>
      ))}
      <div className={s.row}>
        <Field label={a.nyPart}>
          <Input value={ny} onChange={(_, d) => setNy(d.value)} />
        </Field>
        <Select aria-label={a.partType} value={type} onChange={(_, d) => setType(d.value as (typeof EKSTERNE)[number])}>
          {EKSTERNE.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </Select>
      </div>
      <ErrorBar error={error} />
      <div className={s.row}>
        <Button disabled={!endret} onClick={() => void lagre()}>
          {a.lagreParter}
        </Button>
      </div>
    </div>
  );
}
