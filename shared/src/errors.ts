/**
 * The closed list of problem codes (RFC 9457 `code` extension member).
 * Clients switch on `code`; the HTTP status and default title live here too.
 */
export const PROBLEMS = {
  validation_failed: { status: 400, title: 'Ugyldig forespørsel' },
  malformed_request: { status: 400, title: 'Forespørselen kunne ikke leses' },
  unauthorized: { status: 401, title: 'Ikke innlogget' },
  token_invalid: { status: 401, title: 'Ugyldig eller utløpt token' },
  unknown_user: { status: 401, title: 'Ukjent bruker' },
  forbidden: { status: 403, title: 'Ingen tilgang' },
  not_found: { status: 404, title: 'Finnes ikke' },
  route_not_found: { status: 404, title: 'Ukjent adresse' },
  method_not_allowed: { status: 405, title: 'Metoden er ikke tillatt' },
  journalpost_locked: { status: 409, title: 'Journalposten er låst' },
  status_conflict: { status: 409, title: 'Ugyldig statusovergang' },
  concurrent_update: { status: 409, title: 'Posten ble endret samtidig' },
  precondition_failed: { status: 412, title: 'Posten er endret av en annen' },
  duplicate_title: { status: 409, title: 'Tittelen finnes allerede' },
  sak_closed: { status: 409, title: 'Saken er avsluttet' },
  sak_not_closable: { status: 409, title: 'Saken kan ikke avsluttes' },
  kryssreferanse_exists: { status: 409, title: 'Kryssreferansen finnes allerede' },
  kryssreferanse_to_self: { status: 422, title: 'En post kan ikke referere til seg selv' },
  oppgave_not_open: { status: 409, title: 'Oppgaven er ikke lenger aktiv' },
  self_approval: { status: 422, title: 'Godkjenning må gjøres av en annen enn den som har skrevet journalposten' },
  approval_pending: { status: 409, title: 'Journalposten ligger til godkjenning' },
  restanse_open: { status: 409, title: 'Journalposten har restanse som ikke er avskrevet' },
  avskrivningsmaate_not_allowed: { status: 422, title: 'Avskrivningsmåten gjelder ikke denne dokumenttypen' },
  merknad_required: { status: 422, title: 'Avskrivningsmåten krever merknad' },
  no_restanse: { status: 409, title: 'Journalposten har ingen restanse' },
  recipient_missing: { status: 422, title: 'Mottaker mangler' },
  payload_too_large: { status: 413, title: 'Filen er for stor' },
  headers_too_large: { status: 431, title: 'Forespørselens hoder er for store' },
  request_timeout: { status: 408, title: 'Forespørselen kom ikke fram i tide' },
  unsupported_media_type: { status: 415, title: 'Ukjent innholdstype' },
  unprocessable: { status: 422, title: 'Forespørselen kan ikke utføres' },
  invalid_date_range: { status: 400, title: 'Ugyldig datoperiode' },
  skjermede_ord_uten_skjerming: { status: 400, title: 'Ord i tittelen kan bare skjermes når posten har en tilgangskode (og hjemmel)' },
  skjermet_ord_ikke_i_tittel: { status: 400, title: 'Et skjermet ord må være ett ord i tittelens linje 1 eller 2' },
  foedselsnummer_in_title: { status: 422, title: 'Tittelen inneholder et fødselsnummer og kan ikke publiseres' },
  document_screened: { status: 422, title: 'Dokumentet er skjermet og kan ikke publiseres' },
  already_imported: { status: 409, title: 'Meldingen er allerede importert' },
  mail_unreadable: { status: 422, title: 'E-posten kan ikke leses' },
  not_a_mail: { status: 422, title: 'Elementet er ikke en e-post' },
  recipient_without_address: { status: 422, title: 'Mottaker mangler e-postadresse' },
  checksum_mismatch: { status: 500, title: 'Dokumentet er skadet' },
  internal_error: { status: 500, title: 'Intern feil' },
  dev_mode_disabled: { status: 404, title: 'Finnes ikke' },
  arkivformat_not_failed: { status: 409, title: 'Arkivformatet har ikke feilet' },
  uttrekk_not_finished: { status: 409, title: 'Arkivuttrekket er ikke ferdig' },
  uttrekk_running: { status: 409, title: 'Et arkivuttrekk av arkivdelen kjører allerede' },
  arkivdel_read_only: { status: 409, title: 'Arkivdelen er et historisk arkiv og kan ikke endres' },
  uttrekk_refused: { status: 422, title: 'Arkivuttrekket kan ikke importeres' },
  link_expired: { status: 410, title: 'Lenken er utløpt' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;
export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

export interface FieldError {
  /** JSON pointer-ish path of the offending field, e.g. `/tittel` or `/korrespondanseparter/0/navn`. */
  readonly field: string;
  readonly message: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ProblemCode;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

export const problemType = (code: ProblemCode) => `/problemer/${code}`;
