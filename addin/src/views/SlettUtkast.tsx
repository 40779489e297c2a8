import { Button, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import type { Api } from '../api/client';
import type { JournalpostView } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, useStyles as useFelles } from './common';
import { useSkrivT } from './skriv.strings';

const useStyles = makeStyles({
  dialog: {
    maxWidth: 'min(24rem, calc(100vw - 2rem))',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow64,
    padding: tokens.spacingHorizontalL,
    '::backdrop': { backgroundColor: 'rgba(0, 0, 0, 0.4)' },
  },
});

/**
 * §12.6: the saksbehandler removes their own draft (the service feilregistrerer it; the archive
 * keeps its historikk). Offered only where the API's abilities allow it. The question is the
 * browser's own modal <dialog> (focus kept inside, Escape cancels), not Fluent's Dialog, whose
 * focus trap leaves hidden focus guards in the page for good.
 */
export function SlettUtkast({ api, jp, onSlettet }: { api: Api; jp: JournalpostView; onSlettet: () => void }) {
  const t = useT();
  const st = useSkrivT();
  const s = useStyles();
  const felles = useFelles();
  const tittelId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<unknown>(null);
  if (jp.abilities.feilregistrer !== true || !['R', 'S'].includes(jp.journalstatus)) return null;
  const slett = async () => {
    dialog.current?.close();
    setError(null);
    try {
      await api.feilregistrer(jp.systemId);
      onSlettet();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div>
      <Button onClick={() => dialog.current?.showModal()}>{st.dok.slettUtkast}</Button>
      <dialog ref={dialog} aria-labelledby={tittelId} className={s.dialog}>
        <div className={felles.stack}>
          <Subtitle2 as="h2" id={tittelId}>
            {st.dok.slettUtkast}
          </Subtitle2>
          <p>
            {st.dok.bekreftSlett} ({jp.registreringsId} {jp.tittel})
          </p>
          <div className={felles.row}>
            <Button appearance="primary" onClick={() => void slett()}>
              {st.dok.slettUtkast}
            </Button>
            <Button onClick={() => dialog.current?.close()}>{t.cancel}</Button>
          </div>
        </div>
      </dialog>
      <ErrorBar error={error} />
    </div>
  );
}
