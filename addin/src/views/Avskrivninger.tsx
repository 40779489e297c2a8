import { Link, Subtitle2 } from '@fluentui/react-components';
import { kodeOgNavn, visDato } from '@arkiv/shared';
import type { JournalpostView } from '../api/types';
import { useT } from '../i18n/strings';
import { useStyles } from './common';
import type { Navigate } from './nav';

/**
 * The journalpost's avskrivninger (§10.2) with code and name, date, who, the merknad and the
 * reply it names; whether the journalpost is still a restanse.
 */
export function Avskrivninger({ avskrivninger, restanse, navigate }: { avskrivninger: JournalpostView['avskrivninger']; restanse: boolean; navigate: Navigate }) {
  const t = useT();
  const s = useStyles();
  return (
    <section className={s.section} aria-labelledby="avskrivninger-h">
      <Subtitle2 as="h3" id="avskrivninger-h">
        {t.visning.avskrivninger}
      </Subtitle2>
      <p data-testid="restanse">{restanse ? t.visning.restanse : t.visning.ingenRestanse}</p>
      {avskrivninger.length === 0 ? <p className={s.muted}>{t.visning.ingenAvskrivning}</p> : null}
      <ul className={s.list} aria-labelledby="avskrivninger-h">
        {avskrivninger.map((a) => (
          <li key={a.systemId}>
            {kodeOgNavn('avskrivningsmaate', a.avskrivningsmaate)}
            {a.avskrivningsdato ? ` ${visDato(a.avskrivningsdato)}` : ''} {t.visning.av} {a.avskrevetAv.navn}
            {a.ventende ? ` (${t.visning.venter})` : ''}
            {a.merknad ? <span className={s.muted}> – {a.merknad}</span> : null}
            {a.svarJournalpostId ? (
              <>
                {' '}
                <Link onClick={() => navigate({ view: 'journalpost', journalpostId: a.svarJournalpostId! })}>{t.visning.svaret}</Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
