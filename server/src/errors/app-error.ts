import { type FieldError, PROBLEMS, type ProblemCode } from '@arkiv/shared';

/** A failure the user can act on; the problem plugin renders it as RFC 9457 problem+json. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extensions: { errors?: readonly FieldError[]; [key: string]: unknown } = {},
  ) {
    super(detail ?? PROBLEMS[code].title);
    this.name = 'AppError';
    this.status = PROBLEMS[code].status;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} finnes ikke eller du har ikke tilgang`);
export const forbidden = (detail: string) => new AppError('forbidden', detail);
export const validation = (field: string, message: string) =>
  new AppError('validation_failed', message, { errors: [{ field, message }] });
