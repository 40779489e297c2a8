import { FluentProvider, makeStyles, teamsHighContrastTheme, type Theme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { type ReactNode, useEffect, useState } from 'react';
import type { MailboxPort, PaneTheme } from './office/port';

/** Office's light, dark and high-contrast themes as Fluent themes: every colour in the pane is a token of these. */
export const FLUENT_THEMES: Readonly<Record<PaneTheme, Theme>> = { light: webLightTheme, dark: webDarkTheme, highContrast: teamsHighContrastTheme };

const useStyles = makeStyles({ root: { minHeight: '100vh' } });

/**
 * The pane in Office's theme, read through the port and followed when it changes. The page
 * behind the provider takes the theme's background too, so a dark pane has no white margins.
 */
export function ThemedPane({ port, children }: { port: Pick<MailboxPort, 'theme' | 'onThemeChanged'>; children: ReactNode }) {
  const s = useStyles();
  const [theme, setTheme] = useState<PaneTheme>(() => port.theme());
  useEffect(() => port.onThemeChanged(() => setTheme(port.theme())), [port]);
  const fluent = FLUENT_THEMES[theme];
  useEffect(() => {
    document.documentElement.style.backgroundColor = fluent.colorNeutralBackground1;
    document.documentElement.style.colorScheme = theme === 'light' ? 'light' : 'dark';
    document.documentElement.dataset.theme = theme;
  }, [fluent, theme]);
  return (
    <FluentProvider theme={fluent} className={s.root}>
      {children}
    </FluentProvider>
  );
}
