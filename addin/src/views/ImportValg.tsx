import { Checkbox, Field, Input, Select } from '@fluentui/react-components';
import { vedleggTittel } from '@arkiv/shared';
import type { ImportChoices } from '../api/import-mail';
import { useT } from '../i18n/strings';
import type { MailItem } from '../office/port';
import { useStyles } from './common';

const TILGANGSKODER = ['IS', 'U', 'P', 'P1', 'E', 'S', 'XX'];

/** What the user checks and corrects on one mail before it is imported (§10.3), as the form holds it. */
export interface MailValg {
  readonly type: ImportChoices['journalposttype'];
  readonly tittel: string;
  readonly tittel2: string;
  readonly forfall: string;
  /** A forwarded mail: register the original sender instead of the last forwarder. */
  readonly useOriginal: boolean;
  /** The sender as the user corrected it; null: as the mail says. */
  readonly avsender: { readonly navn: string; readonly epost: string } | null;
  readonly kode: string;
  readonly nivaa: 1 | 2 | 3;
  readonly hjemmel: string;
  /** Attachment titles the user edited, by file name. */
  readonly vedleggTitler: Readonly<Record<string, string>>;
  /** Attachments (by file name) that do not go along. */
  readonly utenVedlegg: readonly string[];
}

/** The form's starting point for a mail: its folder's dokumenttype, the subject without SV:/VS:, a forward's original sender. */
export function forslag(item: Pick<MailItem, 'subject' | 'direction' | 'originalSender'>): MailValg {
  return {
    type: item.direction === 'sent' ? 'U' : 'I',
    tittel: item.subject.replace(/^\s*(sv|re|vs|fw|fwd)\s*:\s*/i, ''),
    tittel2: '',
    forfall: '',
    useOriginal: !!item.originalSender,
    avsender: null,
    kode: '',
    nivaa: 1,
    hjemmel: '',
    vedleggTitler: {},
    utenVedlegg: [],
  };
}

/** What goes to the server for the mail. */
export function choicesOf(v: MailValg): ImportChoices {
  return {
    journalposttype: v.type,
    tittel: v.tittel,
    tittel2: v.tittel2,
    forfallsdato: v.forfall,
    brukOpprinneligAvsender: v.useOriginal,
    avsender: v.avsender,
    skjerming: v.kode ? { tilgangskode: v.kode as 'U', skjermingsnivaa: v.nivaa, skjermingshjemmel: v.hjemmel || 'Offl. § 13' } : null,
    // Only the titles the user changed, of attachments that go along; the server names the rest the same way.
    vedleggTitler: Object.fromEntries(Object.entries(v.vedleggTitler).filter(([navn, tittel]) => !v.utenVedlegg.includes(navn) && tittel.trim() && tittel.trim() !== vedleggTittel(navn))),
    utenVedlegg: v.utenVedlegg,
  };
}

/** The sender to be registered, correctable before saving (§10.3: name and e-mail address). */
function AvsenderFelt({ avsender, onChange }: { avsender: { navn: string; epost: string }; onChange: (a: { navn: string; epost: string }) => void }) {
  const t = useT();
  const s = useStyles();
  return (
    <div className={s.stack} role="group" aria-label={t.svarEpost.avsenderRettes}>
      <Field label={`${t.avsender}: ${t.svarEpost.navn}`}>
        <Input value={avsender.navn} onChange={(_, d) => onChange({ ...avsender, navn: d.value })} />
      </Field>
      <Field label={`${t.avsender}: ${t.svarEpost.epost}`}>
        <Input type="email" value={avsender.epost} onChange={(_, d) => onChange({ ...avsender, epost: d.value })} />
      </Field>
    </div>
  );
}

/**
 * One mail's registration, checked and corrected before import (§10.3): dokumenttype, title
 * (lines 1 and 2), forfallsdato, the sender (the original one of a forward, or corrected by
 * hand), which attachments go along and their titles, skjerming. The same form for one mail and
 * for each mail of several.
 */
export function MailRegistrering({ item, valg, onChange, label }: { item: MailItem; valg: MailValg; onChange: (next: MailValg) => void; label: string }) {
  const t = useT();
  const s = useStyles();
  const set = (patch: Partial<MailValg>) => onChange({ ...valg, ...patch });
  const vedlegg = item.attachments.filter((a) => !a.isInline);
  const fra = valg.useOriginal && item.originalSender ? item.originalSender : item.from;
  const mottakere = [...item.to, ...item.cc];
  return (
    <div className={s.stack} role="group" aria-label={label}>
      <Field label={t.dokumenttype}>
        <Select value={valg.type} onChange={(_, d) => set({ type: d.value as MailValg['type'] })}>
          <option value="I">I – Inngående</option>
          <option value="U">U – Utgående</option>
          <option value="N">N – Notat med oppfølging</option>
          <option value="X">X – Notat uten oppfølging</option>
        </Select>
      </Field>
      <Field label={t.tittel} required>
        <Input value={valg.tittel} onChange={(_, d) => set({ tittel: d.value })} />
      </Field>
      <Field label={t.tittel2}>
        <Input value={valg.tittel2} onChange={(_, d) => set({ tittel2: d.value })} />
      </Field>
      <Field label={t.forfallsdato}>
        <Input type="date" value={valg.forfall} onChange={(_, d) => set({ forfall: d.value })} />
      </Field>
      {item.originalSender ? (
        <Field label={t.avsender}>
          <Select value={valg.useOriginal ? 'original' : 'from'} onChange={(_, d) => set({ useOriginal: d.value === 'original', avsender: null })}>
            <option value="original">
              {t.originalSender}: {item.originalSender.name} &lt;{item.originalSender.email}&gt;
            </option>
            <option value="from">
              {item.from?.name} &lt;{item.from?.email}&gt;
            </option>
          </Select>
        </Field>
      ) : null}
      {valg.type === 'I' ? (
        <AvsenderFelt avsender={valg.avsender ?? { navn: fra?.name ?? '', epost: fra?.email ?? '' }} onChange={(avsender) => set({ avsender })} />
      ) : mottakere.length ? (
        <p className={s.muted}>
          {t.mottakere}: {mottakere.map((m) => `${m.name} <${m.email}>`).join(', ')}
        </p>
      ) : null}
      {vedlegg.length ? (
        <div className={s.stack} role="group" aria-label={t.vedleggTitler}>
          {vedlegg.map((a) => {
            const med = !valg.utenVedlegg.includes(a.name);
            return (
              <div key={a.id} className={s.stack}>
                <Checkbox
                  label={`${t.tasMed}: ${a.name}`}
                  checked={med}
                  onChange={(_, d) => set({ utenVedlegg: d.checked ? valg.utenVedlegg.filter((n) => n !== a.name) : [...valg.utenVedlegg, a.name] })}
                />
                {med ? (
                  <Field label={`${t.vedleggEn}: ${a.name}`}>
                    <Input value={valg.vedleggTitler[a.name] ?? vedleggTittel(a.name)} onChange={(_, d) => set({ vedleggTitler: { ...valg.vedleggTitler, [a.name]: d.value } })} />
                  </Field>
                ) : null}
              </div>
            );
          })}
        </div>
      ) : null}
      <div className={s.row} role="group" aria-label={t.skjerming}>
        <Field label={t.skjerming}>
          <Select value={valg.kode} onChange={(_, d) => set({ kode: d.value })}>
            <option value="">{t.ingenSkjerming}</option>
            {TILGANGSKODER.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </Select>
        </Field>
        {valg.kode ? (
          <>
            <Field label={t.nivaa}>
              <Select value={String(valg.nivaa)} onChange={(_, d) => set({ nivaa: Number(d.value) as 1 | 2 | 3 })}>
                <option>1</option>
                <option>2</option>
                <option>3</option>
              </Select>
            </Field>
            <Field label={t.hjemmel}>
              <Input value={valg.hjemmel} placeholder="Offl. § 13" onChange={(_, d) => set({ hjemmel: d.value })} />
            </Field>
          </>
        ) : null}
      </div>
    </div>
  );
}
