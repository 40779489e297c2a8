import { Type, type Static } from 'typebox';
import { Uuid } from './common';
import { JournalpostViewSchema } from './journalpost';
import { KanalSchema } from './saksbehandling';

/** One delivery of an expedition (§10.7): the outbox row for e-mail, the bundle for paper. */
export const UtsendingViewSchema = Type.Object({
  systemId: Uuid,
  kanal: KanalSchema,
  kanalBeskrivelse: Type.Union([Type.String(), Type.Null()]),
  mottakerNavn: Type.String(),
  mottakerEpost: Type.Union([Type.String(), Type.Null()]),
  /** The Message-ID the mail is sent with (one per journalpost and recipient). */
  messageId: Type.Union([Type.String(), Type.Null()]),
  /** VENTER/SENDER (in the outbox), SENDT, FEILET (given up), REGISTRERT (paper/annen: nothing to send). */
  status: Type.Union([Type.Literal('VENTER'), Type.Literal('SENDER'), Type.Literal('SENDT'), Type.Literal('FEILET'), Type.Literal('REGISTRERT')]),
  forsoek: Type.Integer(),
  sendtDato: Type.Union([Type.String(), Type.Null()]),
  sistFeil: Type.Union([Type.String(), Type.Null()]),
  /** Printable bundle (address page + documents) for a paper recipient. */
  pakke: Type.Union([Type.String(), Type.Null()]),
});
export type UtsendingView = Static<typeof UtsendingViewSchema>;

/** POST /api/journalposter/:id/ekspeder answers with the journalpost (now E) and its utsendinger. */
export const EkspederResultatSchema = Type.Object({ ...JournalpostViewSchema.properties, utsendinger: Type.Array(UtsendingViewSchema) });
export type EkspederResultat = Static<typeof EkspederResultatSchema>;
