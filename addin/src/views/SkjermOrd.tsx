import { Button, makeStyles, ToggleButton, tokens } from '@fluentui/react-components';
import { normaliserOrd, tittelbiter } from '@arkiv/shared';
import { useEffect, useState } from 'react';
import { ErrorBar, useStyles } from './common';
import { useSkjermOrdT } from './skjermord.strings';

const useChips = makeStyles({
  linje: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, margin: 0, padding: 0, listStyle: 'none', minWidth: 0 },
  chip: { maxWidth: '100%', minWidth: 0, overflowWrap: 'anywhere', whiteSpace: 'normal', height: 'auto' },
  etikett: { margin: 0, fontWeight: tokens.fontWeightSemibold },
});

/** The distinct words of a title line, in order (a word marked once is screened wherever it appears). */
const ordILinje = (tekst: string | null) => {
  const sett = new Set<string>();
  const ut: { vis: string; n: string }[] = [];
  for (const b of tekst ? tittelbiter(tekst) : []) {
    const n = normaliserOrd(b.tekst);
    if (b.ord && !sett.has(n)) {
      sett.add(n);
      ut.push({ vis: b.tekst, n });
    }
  }
  return ut;
};

/** The words of a title's lines, those still in it. */
export function ordITittel(tittel: string, tittel2: string | null) {
  return [...ordILinje(tittel), ...ordILinje(tittel2)];
}

/**
 * The words of title line 1 and 2 as toggle chips (controlled): the pressed ones are screened.
 * Used where a registration is corrected (SkjermOrd) and where the archive registers post.
 */
export function OrdVelger({ tittel, tittel2, valgt, onChange }: { tittel: string; tittel2: string | null; valgt: readonly string[]; onChange: (ord: string[]) => void }) {
  const t = useSkjermOrdT();
  const c = useChips();
  const linjer = [
    { navn: t.linje1, ord: ordILinje(tittel) },
    { navn: t.linje2, ord: ordILinje(tittel2) },
  ].filter((l) => l.ord.length > 0);
  const alle = ordITittel(tittel, tittel2);
  const merket = alle.filter((o, i) => valgt.includes(o.n) && alle.findIndex((x) => x.n === o.n) === i);
  const veksle = (n: string) => onChange(valgt.includes(n) ? valgt.filter((o) => o !== n) : [...valgt, n]);
  return (
    <>
      <p>{t.hjelp}</p>
      {linjer.map((l) => (
        <div key={l.navn} role="group" aria-label={`${t.tittel}: ${l.navn}`}>
          <p className={c.etikett}>{l.navn}</p>
          <ul className={c.linje}>
            {l.ord.map((o) => (
              <li key={o.n}>
                <ToggleButton className={c.chip} size="small" checked={valgt.includes(o.n)} appearance={valgt.includes(o.n) ? 'primary' : 'outline'} onClick={() => veksle(o.n)}>
                  {valgt.includes(o.n) ? `${o.vis} (${t.skjermet})` : o.vis}
                </ToggleButton>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p role="status">{merket.length ? t.merket(merket.map((o) => o.vis).join(', ')) : t.ingen}</p>
    </>
  );
}

/**
 * Screened words (docs/skjerming.md): the pressed words show as ***** to those without the code
 * and in the public journal. Only on a graded record (screening needs a hjemmel); the server
 * refuses otherwise.
 */
export function SkjermOrd({
  tittel,
  tittel2,
  skjermedeOrd,
  gradert,
  ikkeGradert,
  lagre,
  onChanged,
}: {
  tittel: string;
  tittel2: string | null;
  skjermedeOrd: readonly string[];
  gradert: boolean;
  /** What to say instead of the words on a record that is not graded (default: set the grading first). */
  ikkeGradert?: string;
  lagre: (ord: string[]) => Promise<unknown>;
  onChanged: () => void;
}) {
  const t = useSkjermOrdT();
  const s = useStyles();
  const [valgt, setValgt] = useState<string[]>([...skjermedeOrd]);
  const [error, setError] = useState<unknown>(null);
  const [lagret, setLagret] = useState(false);
  // The record's words changed (saved here, or by someone else): the choice starts from them again.
  // Not a remount on each new versjon, which would take the saved confirmation away with it.
  const fraServer = skjermedeOrd.join('\n');
  useEffect(() => setValgt(fraServer ? fraServer.split('\n') : []), [fraServer]);
  if (!gradert) return <p>{ikkeGradert ?? t.krevSkjerming}</p>;
  // Only words still in the title are kept when saving; stale ones (an edited title) drop out.
  const iTittel = new Set(ordITittel(tittel, tittel2).map((o) => o.n));
  const aktive = valgt.filter((o) => iTittel.has(o));
  const endret = aktive.length !== skjermedeOrd.length || aktive.some((o) => !skjermedeOrd.includes(o));
  const lagreOrd = async () => {
    setError(null);
    try {
      await lagre(aktive);
      setLagret(true);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className={s.stack}>
      <OrdVelger
        tittel={tittel}
        tittel2={tittel2}
        valgt={valgt}
        onChange={(o) => {
          setLagret(false);
          setValgt(o);
        }}
      />
      <div className={s.row}>
        <Button appearance="primary" disabled={!endret} onClick={() => void lagreOrd()}>
          {t.lagre}
        </Button>
        {lagret ? <span role="status">{t.lagret}</span> : null}
      </div>
      <ErrorBar error={error} />
    </div>
  );
}
