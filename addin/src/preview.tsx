import { Checkbox, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createFakeMailbox, sampleMails } from './office/fake-mailbox';
import type { PaneTheme } from './office/port';
import { ThemedPane } from './theme';

/*
 * /preview: the real pane beside a pretend Outlook mail list (the fake mailbox), so it runs in
 * any browser without Office. Tick mails to select several (multi-select). ?theme=dark or
 * ?theme=highContrast plays Office's theme (arkivPreview.setTheme changes it live); ?pane=only
 * shows the pane alone, as wide as the window (Outlook's pane is 320–450 px).
 */
const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateColumns: 'minmax(220px, 1fr) minmax(320px, 420px)', gap: tokens.spacingHorizontalL, padding: tokens.spacingHorizontalM },
  pane: { borderLeft: `1px solid ${tokens.colorNeutralStroke1}` },
  list: { listStyleType: 'none', padding: 0 },
});

const params = new URLSearchParams(location.search);
const theme = params.get('theme');
const user = { name: 'Meg', email: 'meg@kommune.example.no' };
const mailbox = createFakeMailbox(user, sampleMails(user), { theme: theme === 'dark' || theme === 'highContrast' ? (theme satisfies PaneTheme) : 'light' });
(window as unknown as { arkivPreview: unknown }).arkivPreview = mailbox;

function Preview() {
  const s = useStyles();
  const [selected, setSelected] = useState<readonly string[]>(mailbox.selected());
  useEffect(() => mailbox.onItemChanged(() => setSelected(mailbox.selected())), []);
  const toggle = (id: string, on: boolean) => mailbox.select(on ? [...selected, id] : selected.filter((x) => x !== id));
  if (params.get('pane') === 'only') return <App port={mailbox} />;
  return (
    <div className={s.root}>
      <section aria-labelledby="mailbox-h">
        <Subtitle2 as="h1" id="mailbox-h">
          Innboks (forhåndsvisning)
        </Subtitle2>
        <ul className={s.list}>
          {mailbox.mails.map((m) => (
            <li key={m.item.itemId}>
              <Checkbox checked={selected.includes(m.item.itemId)} onChange={(_, d) => toggle(m.item.itemId, !!d.checked)} label={`${m.item.from?.name ?? ''}: ${m.item.subject}`} data-mail={m.item.itemId} />
            </li>
          ))}
        </ul>
      </section>
      <div className={s.pane}>
        <App port={mailbox} />
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <ThemedPane port={mailbox}>
    <Preview />
  </ThemedPane>,
);
