import { Button, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import type { Api } from '../api/client';
import type { JournalpostView } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar, useStyles } from './common';
import { useSkrivT } from './skriv.strings';

/*
 * The confirmation is the browser's own modal <dialog> (focus kept inside, Esc closes it), not
 * Fluent's Dialog: that one starts Tabster's modalizer, which puts focus guards on <body>
 * (<i data-tabster-dummy aria-hidden tabindex=0>) for as long as the page lives, and axe rightly
 * reports them (aria-hidden-focus) on every view after the first draft shown.
 */
const useDialogStyles = makeStyles({
  dialog: {
    maxWidth: `calc(100vw - 2 * ${tokens.spacingHorizontalL})`,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow64,
    '::backdrop': { backgroundColor: tokens.colorBackgroundOverlay },
  },
});

/**
 * §12.6: the saksbehandler removes their own draft (the service feilregistrerer it; the archive
 * keeps its historikk). Offered only where the API's abilities allow it.
 */
export function SlettUtkast({ api, jp, onSlettet }: { api: Api; jp: JournalpostView; onSlettet: () => void }) {
  const t = useT();
  const st = useSkrivT();
  const s = useStyles();
  const d = useDialogStyles();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
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
      <dialog ref={dialog} aria-labelledby={titleId} className={d.dialog}>
        <div className={s.stack}>
          <Subtitle2 as="h2" id={titleId}>
            {st.dok.slettUtkast}
          </Subtitle2>
          <p>
            {st.dok.bekreftSlett} ({jp.registreringsId} {jp.tittel})
          </p>
          <div className={s.row}>
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
