import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Api } from '../api/client';
import type { JournalpostView, KorrespondansepartForslag, KorrespondansepartInput } from '../api/types';
import { ErrorBar, useStyles } from './common';
import { useSkrivT } from './skriv.strings';
import { useSkrivStyles } from './skriv.styles';

type Part = { -readonly [K in 'navn' | 'epostadresse' | 'postadresse' | 'postnummer' | 'poststed' | 'deresReferanse']: string } & { korrespondanseparttype: KorrespondansepartInput['korrespondanseparttype']; rest: Partial<KorrespondansepartInput> };

const TYPER = ['EA', 'EM', 'EK'] as const;
const TYPENAVN: Record<string, string> = { EA: 'Avsender', EM: 'Mottaker', EK: 'Kopimottaker', IA: 'Intern avsender', IM: 'Intern mottaker', IK: 'Intern kopimottaker' };

const fraView = (p: JournalpostView['korrespondanseparter'][number]): Part => ({
  korrespondanseparttype: p.korrespondanseparttype,
  navn: p.navn,
  epostadresse: p.epostadresse ?? '',
  postadresse: p.postadresse ?? '',
  postnummer: p.postnummer ?? '',
  poststed: p.poststed ?? '',
  deresReferanse: p.deresReferanse ?? '',
  // What the pane does not edit goes back as it was (internal parties keep their user or unit).
  rest: Object.fromEntries(
    (['land', 'telefonnummer', 'kontaktperson', 'organisasjonsnummer', 'brukerId', 'enhetId'] as const).filter((k) => p[k] !== null).map((k) => [k, p[k]]),
  ) as Partial<KorrespondansepartInput>,
});

export const tilInput = (p: Part): KorrespondansepartInput => {
  const felt = (k: 'epostadresse' | 'postadresse' | 'postnummer' | 'poststed' | 'deresReferanse') => (p[k].trim() ? { [k]: p[k].trim() } : {});
  return { ...p.rest, korrespondanseparttype: p.korrespondanseparttype, navn: p.navn.trim(), ...felt('epostadresse'), ...felt('postadresse'), ...felt('postnummer'), ...felt('poststed'), ...felt('deresReferanse') };
};

export const tomPart = (type: Part['korrespondanseparttype']): Part => ({ korrespondanseparttype: type, navn: '', epostadresse: '', postadresse: '', postnummer: '', poststed: '', deresReferanse: '', rest: {} });

/**
 * One sender or recipient being edited: name, e-mail, address, their reference. While the name is
 * typed, correspondents registered earlier in the archive (that the user may see) are suggested.
 */
export function PartSkjema({ api, part, onChange, idx }: { api: Api; part: Part; onChange: (p: Part) => void; idx: number }) {
  const st = useSkrivT();
  const s = useStyles();
  const ss = useSkrivStyles();
  const [forslag, setForslag] = useState<KorrespondansepartForslag[]>([]);
  const [sok, setSok] = useState('');
  useEffect(() => {
    if (sok.trim().length < 2) return setForslag([]);
    let live = true;
    const t = setTimeout(() => void api.korrespondansepartForslag(sok.trim()).then((f) => live && setForslag(f), () => undefined), 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, sok]);
  const bruk = (f: KorrespondansepartForslag) => {
    const { navn, epostadresse, postadresse, postnummer, poststed, ...resten } = f;
    const rest = Object.fromEntries(Object.entries(resten).filter(([, v]) => v !== null)) as Partial<KorrespondansepartInput>;
    onChange({ ...part, navn, epostadresse: epostadresse ?? '', postadresse: postadresse ?? '', postnummer: postnummer ?? '', poststed: poststed ?? '', rest: { ...part.rest, ...rest } });
    setSok('');
  };
  const set = (k: keyof Omit<Part, 'rest' | 'korrespondanseparttype'>) => (_: unknown, d: { value: string }) => onChange({ ...part, [k]: d.value });
  return (
    <div className={s.stack} role="group" aria-label={`${TYPENAVN[part.korrespondanseparttype]} ${idx + 1}`}>
      <Field className={ss.felt} label={st.part.type}>
        <Select className={ss.velger} select={{ className: ss.velger }} value={part.korrespondanseparttype} onChange={(_, d) => onChange({ ...part, korrespondanseparttype: d.value as Part['korrespondanseparttype'] })}>
          {(TYPER as readonly string[]).includes(part.korrespondanseparttype) ? null : <option value={part.korrespondanseparttype}>{TYPENAVN[part.korrespondanseparttype]}</option>}
          {TYPER.map((k) => (
            <option key={k} value={k}>
              {TYPENAVN[k]}
            </option>
          ))}
        </Select>
      </Field>
      <Field className={ss.felt} label={st.part.navn} required>
        <Input
          value={part.navn}
          onChange={(e, d) => {
            set('navn')(e, d);
            setSok(d.value);
          }}
        />
      </Field>
      {forslag.length ? (
        <ul className={s.list} aria-label={st.part.forslag}>
          {forslag.map((f) => (
            <li key={`${f.navn}|${f.epostadresse ?? ''}`}>
              <Button size="small" appearance="subtle" onClick={() => bruk(f)}>
                {st.part.bruk}: {f.navn}
                {f.epostadresse ? ` <${f.epostadresse}>` : ''}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <Field className={ss.felt} label={st.part.epost}>
        <Input type="email" value={part.epostadresse} onChange={set('epostadresse')} />
      </Field>
      <Field className={ss.felt} label={st.part.adresse}>
        <Input value={part.postadresse} onChange={set('postadresse')} />
      </Field>
      <div className={s.row}>
        <Field className={ss.felt} label={st.part.postnummer}>
          <Input size="small" value={part.postnummer} onChange={set('postnummer')} style={{ width: '6em' }} />
        </Field>
        <Field className={ss.felt} label={st.part.poststed}>
          <Input size="small" value={part.poststed} onChange={set('poststed')} />
        </Field>
      </div>
      <Field className={ss.felt} label={st.part.deresRef}>
        <Input value={part.deresReferanse} onChange={set('deresReferanse')} />
      </Field>
    </div>
  );
}

/** Senders and recipients of a journalpost: add, edit, remove; saved together with the version read (If-Match). */
export function Korrespondanseparter({ api, jp, onChanged }: { api: Api; jp: JournalpostView; onChanged: () => void }) {
  const st = useSkrivT();
  const s = useStyles();
  const [parter, setParter] = useState<Part[]>(() => jp.korrespondanseparter.map(fraView));
  const [aapen, setAapen] = useState<number | null>(null);
  const [endret, setEndret] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A newer version of the record (another section saved, F5) replaces the list only while nothing is being edited here.
  useEffect(() => {
    if (!endret) setParter(jp.korrespondanseparter.map(fraView));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jp.versjon]);
  const kan = jp.abilities.update === true && !jp.laast && !jp.korrespondanseparterSkjermet;
  const oppdater = (next: Part[]) => {
    setParter(next);
    setEndret(true);
  };
  const lagre = async () => {
    setError(null);
    try {
      await api.updateJournalpost(jp.systemId, { korrespondanseparter: parter.map(tilInput) }, jp.versjon);
      setEndret(false);
      setAapen(null);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className={s.stack}>
      {parter.length === 0 ? <p className={s.muted}>{st.part.ingen}</p> : null}
      <ul className={s.list} aria-label={st.rett.parter}>
        {parter.map((p, i) => (
          <li key={i}>
            {aapen === i ? (
              <PartSkjema api={api} part={p} idx={i} onChange={(np) => oppdater(parter.map((x, j) => (j === i ? np : x)))} />
            ) : (
              <span>
                {TYPENAVN[p.korrespondanseparttype]}: {p.navn || '–'} {p.epostadresse ? `<${p.epostadresse}>` : ''}
              </span>
            )}
            {kan ? (
              <div className={s.row}>
                <Button size="small" onClick={() => setAapen(aapen === i ? null : i)}>
                  {aapen === i ? st.part.ferdig : `${st.part.endre} ${p.navn}`}
                </Button>
                <Button size="small" onClick={() => oppdater(parter.filter((_, j) => j !== i))}>
                  {st.part.fjern} {p.navn}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {kan ? (
        <div className={s.row}>
          <Button
            onClick={() => {
              oppdater([...parter, tomPart(jp.journalposttype === 'I' ? 'EA' : 'EM')]);
              setAapen(parter.length);
            }}
          >
            {st.part.leggTil}
          </Button>
          <Button appearance="primary" disabled={!endret || parter.some((p) => !p.navn.trim())} onClick={() => void lagre()}>
            {st.part.lagre}
          </Button>
        </div>
      ) : (
        <p className={s.muted}>{st.rett.kanIkke}</p>
      )}
      <ErrorBar error={error} />
    </div>
  );
}
