import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createOfficePort } from './office/office-js';

/* The pane inside Outlook: render after Office.onReady, with the real port over Office.js. */
Office.onReady(() => {
  const port = createOfficePort(Office as unknown as Parameters<typeof createOfficePort>[0]);
  createRoot(document.getElementById('root')!).render(
    <FluentProvider theme={webLightTheme}>
      <App port={port} />
    </FluentProvider>,
  );
});
