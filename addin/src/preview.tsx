import { Checkbox, FluentProvider, makeStyles, Subtitle2, tokens, webLightTheme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createFakeMailbox } from './office/fake-mailbox';

/*
 * /preview: the real pane beside a pretend Outlook mail list (the fake mailbox), so it runs in
 * any browser without Office. Tick mails to select several (multi-select).
 */
const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateColumns: 'minmax(220px, 1fr) minmax(320px, 420px)', gap: tokens.spacingHorizontalL, padding: tokens.spacingHorizontalM },
  pane: { borderLeft: `1px solid ${tokens.colorNeutralStroke1}` },
  list: { listStyleType: 'none', padding: 0 },
});

const mailbox = createFakeMailbox({ name: 'Meg', email: 'meg@kommune.example.no' });
(window as unknown as { arkivPreview: unknown }).arkivPreview = mailbox;

function Preview() {
  const s = useStyles();
  const [selected, setSelected] = useState<readonly string[]>(mailbox.selected());
  useEffect(() => mailbox.onItemChanged(() => setSelected(mailbox.selected())), []);
  const toggle = (id: string, on: boolean) => mailbox.select(on ? [...selected, id] : selected.filter((x) => x !== id));
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
  <FluentProvider theme={webLightTheme}>
    <Preview />
  </FluentProvider>,
);
