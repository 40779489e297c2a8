import { Checkbox, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { visTidspunkt } from '@arkiv/shared';
import { useT } from '../i18n/strings';
import type { LoadedMail } from '../office/port';
import { useStyles } from './common';
import { forslag, MailRegistrering, type MailValg } from './ImportValg';
import { Section, Sections } from './shell';

/** One mail of several being imported: loaded (or failed to load), the user's choices, and whether it goes. */
export interface ImportPost {
  readonly mail: LoadedMail;
  /** Null for a mail that could not be loaded. */
  readonly valg: MailValg | null;
  readonly med: boolean;
}

export const importPost = (mail: LoadedMail): ImportPost => ({ mail, valg: mail.ok ? forslag(mail.item) : null, med: mail.ok });

const useListStyles = makeStyles({
  sammendrag: { ...typographyStyles.caption1, display: 'block', color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
});

/**
 * Several mails (selected in Outlook or dropped as files), one section each: subject, sender,
 * date and attachments in the header; opened, the same registration form as for one mail, and
 * whether the mail goes along at all (§10.3: "check and correct" each before saving).
 */
export function ImportListe({ poster, onChange }: { poster: readonly ImportPost[]; onChange: (index: number, next: ImportPost) => void }) {
  const t = useT();
  const s = useStyles();
  const ls = useListStyles();
  const valgt = poster.filter((p) => p.med).length;
  return (
    <section className={s.stack} aria-label={t.hverEpost.liste}>
      <p data-testid="importeres">
        {t.hverEpost.antall}: {valgt} / {poster.length}
      </p>
      <Sections name="importer-epostene" remember={false}>
        {poster.map((p, i) => {
          const item = p.mail.ok ? p.mail.item : null;
          const subject = item?.subject ?? (p.mail.ok ? '' : p.mail.subject);
          const vedlegg = item?.attachments.filter((a) => !a.isInline) ?? [];
          const fra = item?.from ? `${item.from.name} <${item.from.email}>` : '';
          const tittel = (
            <span>
              {subject || '(uten emne)'}
              {p.med ? '' : ` — ${t.hverEpost.tasIkkeMed}`}
              <span className={ls.sammendrag}>
                {item ? [fra, visTidspunkt(item.dateTimeCreated), `${vedlegg.length} ${t.hverEpost.vedlegg}`].filter(Boolean).join(' · ') : t.failed}
              </span>
            </span>
          );
          return (
            <Section key={`${i}:${item?.itemId ?? subject}`} value={`${i}:${item?.itemId ?? subject}`} title={tittel}>
              {p.mail.ok && p.valg ? (
                <>
                  <Checkbox label={t.hverEpost.taMed} checked={p.med} onChange={(_, d) => onChange(i, { ...p, med: !!d.checked })} />
                  {vedlegg.length && !p.med ? <p className={s.muted}>{vedlegg.map((a) => a.name).join(', ')}</p> : null}
                  {p.med ? <MailRegistrering item={p.mail.item} valg={p.valg} onChange={(valg) => onChange(i, { ...p, valg })} label={`${t.registrering}: ${subject}`} /> : null}
                </>
              ) : (
                <p>
                  {t.failed}: {p.mail.ok ? '' : p.mail.error}
                </p>
              )}
            </Section>
          );
        })}
      </Sections>
    </section>
  );
}
