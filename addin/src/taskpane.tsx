import { createRoot } from 'react-dom/client';
import { App } from './App';
import { graphAccess, graphMailAccess } from './auth/auth';
import { createOfficePort } from './office/office-js';
import { graphSentItems, graphSentMail } from './office/sent-items';
import { ThemedPane } from './theme';

/* The pane inside Outlook: render after Office.onReady, with the real port over Office.js. */
Office.onReady(() => {
  const mailbox = Office.context.mailbox;
  const port = createOfficePort(Office as unknown as Parameters<typeof createOfficePort>[0], {
    // Sent Items → U also for mail sent from a shared mailbox or "send as" (§10.3).
    isInSentItems: graphSentItems({ getToken: graphAccess.getToken, toRestId: (id) => mailbox.convertToRestId(id, Office.MailboxEnums.RestVersion.v2_0) }),
    // Svar med e-post (§10.2): the sent answer is picked up from Sent Items and archived.
    findSentMail: graphSentMail({ getToken: graphMailAccess.getToken }),
  });
  createRoot(document.getElementById('root')!).render(
    <ThemedPane port={port}>
      <App port={port} />
    </ThemedPane>,
  );
});
