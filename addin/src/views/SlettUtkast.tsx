import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import type { JournalpostView } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar } from './common';
import { useSkrivT } from './skriv.strings';

/**
 * §12.6: the saksbehandler removes their own draft (the service feilregistrerer it; the archive
 * keeps its historikk). Offered only where the API's abilities allow it.
 */
export function SlettUtkast({ api, jp, onSlettet }: { api: Api; jp: JournalpostView; onSlettet: () => void }) {
  const t = useT();
  const st = useSkrivT();
  const [error, setError] = useState<unknown>(null);
  if (jp.abilities.feilregistrer !== true || !['R', 'S'].includes(jp.journalstatus)) return null;
  const slett = async () => {
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
      <Dialog>
        <DialogTrigger disableButtonEnhancement>
          <Button>{st.dok.slettUtkast}</Button>
        </DialogTrigger>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{st.dok.slettUtkast}</DialogTitle>
            <DialogContent>
              {st.dok.bekreftSlett} ({jp.registreringsId} {jp.tittel})
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="primary" onClick={() => void slett()}>
                  {st.dok.slettUtkast}
                </Button>
              </DialogTrigger>
              <DialogTrigger disableButtonEnhancement>
                <Button>{t.cancel}</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <ErrorBar error={error} />
    </div>
  );
}
