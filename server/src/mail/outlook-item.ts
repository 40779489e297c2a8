import { AppError } from '../errors/app-error';

/**
 * Outlook item classes that are not messages, with what they are in the user's words. Notes
 * (IPM.Note…), meeting requests and replies (IPM.Schedule.Meeting…), task requests, posts and
 * reports are mail; these are things kept in a mailbox that were never sent.
 */
const NOT_MAIL: readonly (readonly [RegExp, string])[] = [
  [/^IPM\.Contact(\.|$)/i, 'en kontakt'],
  [/^IPM\.DistList(\.|$)/i, 'en kontaktgruppe'],
  [/^IPM\.Appointment(\.|$)/i, 'en avtale fra kalenderen'],
  [/^IPM\.Task(\.|$)/i, 'en oppgave'],
  [/^IPM\.StickyNote(\.|$)/i, 'en Outlook-notis'],
  [/^IPM\.Activity(\.|$)/i, 'en journaloppføring'],
  [/^IPM\.Document(\.|$)/i, 'et dokument lagret i Outlook'],
];
const MAIL: readonly (readonly [RegExp, string])[] = [
  [/^IPM\.Schedule\.Meeting\.Request(\.|$)/i, 'en møteinnkalling'],
  [/^IPM\.Schedule\.Meeting(\.|$)/i, 'et møtesvar'],
  [/^IPM\.TaskRequest(\.|$)/i, 'en oppgaveforespørsel'],
  [/^(IPM\.Note|IPM\.Microsoft Mail\.Note)(\.|$)/i, 'en e-post'],
];

/** What an Outlook item of this class is, in Norwegian ("en oppgave"), or null when it is not known. */
export function outlookItemKind(messageClass: string | null | undefined): string | null {
  const hit = [...NOT_MAIL, ...MAIL].find(([re]) => re.test(messageClass ?? ''));
  return hit ? hit[1] : null;
}

/** Refuses an Outlook item that is not a message, saying what it is and what can be done with it. */
export function refuseIfNotMail(messageClass: string | null | undefined): void {
  const hit = NOT_MAIL.find(([re]) => re.test(messageClass ?? ''));
  if (!hit) return;
  throw new AppError(
    'not_a_mail',
    `Outlook-elementet er ${hit[1]} (${messageClass}), ikke en e-post, og kan ikke importeres som journalpost. ` +
      'Legg filen til som dokument på en journalpost, eller importer e-posten elementet kom med.',
  );
}
