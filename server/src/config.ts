import path from 'node:path';
import { erGyldigTidssone, STANDARD_TIDSSONE } from '@arkiv/shared';

export interface AuthConfig {
  /** Dev mode: the server signs its own tokens and serves POST /api/dev/login. */
  readonly devMode: boolean;
  readonly issuer: string;
  readonly audience: string;
  /** Remote JWKS (Entra ID) when not in dev mode. */
  readonly jwksUrl?: string;
  /** The token claim that names the user (matched against bruker.brukernavn, then bruker.epost). */
  readonly userClaim: string;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl?: string;
  /** Connections to DATABASE_URL (ARKIV_DB_POOL_SIZE, default 10). */
  readonly databasePoolSize: number;
  readonly maxUploadBytes: number;
  readonly auth: AuthConfig;
  /** Seed the demo municipality into an empty database: on by default, off in production unless ARKIV_SEED_DEMO=true. */
  readonly seedDemo: boolean;
  readonly production: boolean;
  readonly logLevel: string;
  /** Default forfallsdato per dokumenttype, in days after journaldato (ARKIV_FORFALLSDAGER="I=14,N=14"). */
  readonly forfallsdager: Partial<Record<'I' | 'U' | 'N', number>>;
  /** The archive's time zone (IANA name) for dates users see and years in numbers (ARKIV_TIDSSONE). */
  readonly tidssone: string;
  readonly mail: MailConfig;
  readonly arkivformat: ArkivformatConfig;
}

/** The archive-variant converter job (LibreOffice headless). */
export interface ArkivformatConfig {
  /** How long one conversion may run before LibreOffice is killed and the attempt counted. */
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly pollMs: number;
}

function forfallsdagerFrom(raw: string | undefined): Partial<Record<'I' | 'U' | 'N', number>> {
  const out: Partial<Record<'I' | 'U' | 'N', number>> = {};
  for (const part of (raw ?? 'I=14,N=14').split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([IUN])=(\d{1,4})$/.exec(part);
    if (!m) throw new ConfigError(`ARKIV_FORFALLSDAGER must look like "I=14,N=14", got "${raw}"`);
    out[m[1] as 'I' | 'U' | 'N'] = Number(m[2]);
  }
  return out;
}

function tidssoneFrom(raw: string | undefined): string {
  const sone = raw === undefined || raw === '' ? STANDARD_TIDSSONE : raw;
  if (!erGyldigTidssone(sone)) throw new ConfigError(`ARKIV_TIDSSONE must be an IANA time zone such as Europe/Oslo, got "${raw}"`);
  return sone;
}

export interface MailConfig {
  /** SMTP server (smtp://user:pass@host:587, smtps://...). Unset: messages go to the local outbox folder. */
  readonly smtpUrl?: string;
  /** From address of expedited letters; its domain is also the Message-ID domain. */
  readonly from: string;
  /** Where the embedded default writes messages (.eml) when SMTP_URL is unset. */
  readonly outboxDir: string;
  /** How long a worker may hold a claimed message before another worker may take it over. */
  readonly leaseMs: number;
  readonly maxAttempts: number;
  readonly pollMs: number;
}

export class ConfigError extends Error {}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const devMode = (env.ARKIV_AUTH_MODE ?? (production ? 'entra' : 'dev')) === 'dev';
  if (devMode && production) {
    throw new ConfigError('Dev login (ARKIV_AUTH_MODE=dev) refuses to start with NODE_ENV=production');
  }
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const publicUrl = env.ARKIV_PUBLIC_URL ?? `http://localhost:${port}`;
  if (!devMode && (!env.AUTH_ISSUER || !env.AUTH_AUDIENCE || !env.AUTH_JWKS_URL)) {
    throw new ConfigError('AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL are required unless ARKIV_AUTH_MODE=dev');
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.ARKIV_DATA_DIR ?? 'data'),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    databasePoolSize: intFrom(env, 'ARKIV_DB_POOL_SIZE', 10),
    maxUploadBytes: intFrom(env, 'ARKIV_MAX_UPLOAD_BYTES', 100 * 1024 * 1024),
    auth: {
      devMode,
      issuer: env.AUTH_ISSUER ?? `${publicUrl}/dev`,
      audience: env.AUTH_AUDIENCE ?? 'api://arkiv',
      ...(env.AUTH_JWKS_URL ? { jwksUrl: env.AUTH_JWKS_URL } : {}),
      userClaim: env.AUTH_USER_CLAIM ?? 'preferred_username',
    },
    // The demo municipality's users hold every code; production gets them only when asked by name.
    seedDemo: production ? env.ARKIV_SEED_DEMO === 'true' : env.ARKIV_SEED_DEMO !== 'false',
    production,
    logLevel: env.LOG_LEVEL ?? 'info',
    forfallsdager: forfallsdagerFrom(env.ARKIV_FORFALLSDAGER),
    tidssone: tidssoneFrom(env.ARKIV_TIDSSONE),
    mail: {
      ...(env.SMTP_URL ? { smtpUrl: env.SMTP_URL } : {}),
      from: env.MAIL_FROM ?? 'Fjordvik kommune <postmottak@fjordvik.kommune.example>',
      outboxDir: path.join(path.resolve(env.ARKIV_DATA_DIR ?? 'data'), 'outbox'),
      leaseMs: intFrom(env, 'OUTBOX_LEASE_MS', 60_000),
      maxAttempts: intFrom(env, 'OUTBOX_MAX_ATTEMPTS', 8),
      pollMs: intFrom(env, 'OUTBOX_POLL_MS', 2_000),
    },
    arkivformat: {
      timeoutMs: intFrom(env, 'ARKIV_KONVERTERING_TIMEOUT_MS', 180_000),
      maxAttempts: intFrom(env, 'ARKIV_KONVERTERING_FORSOEK', 3),
      pollMs: intFrom(env, 'ARKIV_KONVERTERING_POLL_MS', 30_000),
    },
  };
}
