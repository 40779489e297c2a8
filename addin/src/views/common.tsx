import { makeStyles, MessageBar, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/http';
import { useT } from '../i18n/strings';
import { AlertRegion } from './shell';

export const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingBlock: tokens.spacingVerticalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground2 },
  deputy: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** Loads on mount and when deps change; `reload` for F5 and after mutations. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { ...state, reload: useCallback(() => setTick((t) => t + 1), []) };
}

/** An error where it happened, in a live region (role=alert) and scrolled into sight; "not on this server" as information. */
export function ErrorBar({ error }: { error: unknown }) {
  const t = useT();
  const notAvailable = error instanceof ApiError && error.notAvailable;
  if (notAvailable) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>{t.notAvailable}</MessageBarBody>
      </MessageBar>
    );
  }
  return <AlertRegion>{error ? `${t.error}: ${error instanceof Error ? error.message : String(error)}` : null}</AlertRegion>;
}

/** Something is being fetched: a spinner that says so (its label is read out). */
export function Loading({ label }: { label?: string }) {
  const t = useT();
  return <Spinner size="tiny" label={label ?? t.loading} />;
}

export const isNotAvailable = (e: unknown) => e instanceof ApiError && e.notAvailable;

/**
 * Opens a document fetched with the user's token (a preview, a print bundle) in a new tab.
 * Clears the caller's error first and reports a failure to it, for its ErrorBar.
 */
export async function openDocument(load: () => Promise<Blob>, setError: (e: unknown) => void): Promise<void> {
  setError(null);
  try {
    window.open(URL.createObjectURL(await load()), '_blank', 'noopener');
  } catch (e) {
    setError(e);
  }
}
