import { Button } from '@fluentui/react-components';
import { useState } from 'react';
import type { Api } from '../api/client';
import type { SakView } from '../api/types';
import { useT } from '../i18n/strings';
import { ErrorBar } from './common';

/** §12.5: the OBS-dato is cleared by hand (date and comment), on the version the sak was read at. */
export function FjernObs({ api, sak, onChanged }: { api: Api; sak: SakView; onChanged: () => void }) {
  const t = useT();
  const [error, setError] = useState<unknown>(null);
  if (!sak.obsDato || sak.abilities.settObs === false) return null;
  const fjern = async () => {
    setError(null);
    try {
      await api.updateSak(sak.systemId, { obsDato: null, obsKommentar: null }, sak.versjon);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => void fjern()}>
        {t.obs.fjern}
      </Button>
      <ErrorBar error={error} />
    </>
  );
}
