import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { graphAccess } from './auth/auth';
import { createOfficePort } from './office/office-js';
import { graphSentItems } from './office/sent-items';

/* The pane inside Outlook: render after Office.onReady, with the real port over Office.js. */
Office.onReady(() => {
  const mailbox = Office.context.mailbox;
  const port = createOfficePort(Office as unknown as Parameters<typeof createOfficePort>[0], {
    // Sent Items → U also for mail sent from a shared mailbox or "send as" (§10.3).
    isInSentItems: graphSentItems({ getToken: graphAccess.getToken, toRestId: (id) => mailbox.convertToRestId(id, Office.MailboxEnums.RestVersion.v2_0) }),
  });
  createRoot(document.getElementById('root')!).render(
    <FluentProvider theme={webLightTheme}>
      <App port={port} />
    </FluentProvider>,
  );
});
