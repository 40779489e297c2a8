import { Badge, Link, makeStyles, tokens } from '@fluentui/react-components';
import { kodenavn, visDato } from '@arkiv/shared';
import type { KurvElement } from '../api/types';
import { useT } from '../i18n/strings';

const useRadStyles = makeStyles({
  rad: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXXS },
  detaljer: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  forfalt: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/**
 * One item in a basket, as the user sees it without opening it (§5): number and title (the
 * link), then date, correspondent, status by name, forfallsdato, restanse, who has it, and for
 * an answered oppgave the answer.
 */
export function KurvRad({ item, onOpen, idag }: { item: KurvElement; onOpen: () => void; idag: string }) {
  const t = useT();
  const s = useRadStyles();
  const status = item.journalstatus ? kodenavn('journalstatus', item.journalstatus) : item.saksstatus ? kodenavn('saksstatus', item.saksstatus) : null;
  const forfalt = !!item.forfallsdato && item.forfallsdato < idag && item.restanse === true;
  return (
    <div className={s.rad}>
      <Link onClick={onOpen}>
        {item.nummer} {item.tittel}
        {item.tittel2 ? ` – ${item.tittel2}` : ''}
      </Link>
      <span className={s.detaljer}>
        {item.oppgavetype ? <span>{kodenavn('oppgavetype', item.oppgavetype)}</span> : null}
        {item.svar ? (
          <Badge appearance="tint" color={item.svar === 'Godkjent' ? 'success' : item.svar === 'Ikke godkjent' ? 'danger' : 'informative'} data-testid="svar">
            {item.svar}
          </Badge>
        ) : null}
        {item.dato ? <span>{visDato(item.dato)}</span> : null}
        {item.korrespondent ? <span>{item.korrespondent}</span> : null}
        {status ? <span data-testid="status">{status}</span> : null}
        {item.forfallsdato ? (
          <span className={forfalt ? s.forfalt : undefined}>
            {t.forfallsdato} {visDato(item.forfallsdato)}
          </span>
        ) : null}
        {item.restanse ? <span>{t.leder.restanse}</span> : null}
        {item.hos ? <span>{`${t.hos} ${item.hos}`}</span> : null}
      </span>
    </div>
  );
}
