import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_GITHUB_CLIENT_SETTINGS,
  type GitHubClientSettings,
} from '../github/github-client-settings.js';
import type { StoreLocation } from '../store/open-store.js';
import type { GangwaySettings } from '../prow/gangway-client.js';
import { readGangwaySettings } from '../prow/gangway-settings.js';
import {
  type NotificationSettings,
  readNotificationSettings,
} from '../notifications/notification-settings.js';
import { readSecretList } from './read-secret.js';
import type { DashboardAccess } from '../server/routes/dashboard.js';

/**
 * Process settings, read once from the environment at start. Everything that is a secret
 * (webhook secrets, the App's private key, database passwords) comes from here and never from a
 * repository's `.github/sheriff.yml`.
 */
export interface Settings {
  port: number;
  host: string;
  store: StoreLocation;
  /** Every secret accepted on incoming webhooks; more than one during a rotation. Empty: refuse all. */
  webhookSecrets: string[];
  /** Bearer tokens accepted on `POST /api/v1/prowjobs` (more than one during a rotation). Empty: refuse all. */
  prowjobTokens: string[];
  /** Tokens accepted on `POST /api/v1/flagger` (Flagger cannot sign; more than one during a rotation). Empty: refuse all. */
  flaggerTokens: string[];
  /** Bearer tokens accepted on `GET /api/v1/reruns` (`AUDIT_TOKEN`, `AUDIT_TOKENS`, `AUDIT_TOKEN_FILE`). Empty: refuse all. */
  auditTokens: string[];
  /** Prow's Gangway, for re-running Prow jobs (`/retest-release`, `/retest`); absent when not configured. */
  gangway: GangwaySettings | undefined;
  /** Who may see `/dashboard` and `/api/v1/release-health` (off unless configured). */
  dashboard: { access: DashboardAccess; windowDays: number };
  /** Hosts that config-given URLs (markers, build logs) may be fetched from; empty: any public host. */
  outboundAllowedHosts: string[];
  /** Slack and outgoing webhook destinations (secrets; repositories only route to them). */
  notifications: NotificationSettings;
  maxBodyBytes: number;
  /** Absent when the GitHub App is not registered yet: Sheriff still starts and says what is missing. */
  app: { appId: string; privateKey: string } | undefined;
  githubApiUrl: string;
  /** How the GitHub client paces, retries and caches, per installation. */
  github: GitHubClientSettings;
  /** The App's slug: its comments (`<slug>[bot]`) never run commands. */
  appSlug: string;
  logLevel: string;
  /** `burstConcurrency` unset means the store's default: resolve it with `burstConcurrencyFor`. */
  worker: Omit<WorkerSettings, 'burstConcurrency'> & { burstConcurrency: number | undefined };
  redelivery: { enabled: boolean; intervalMs: number; windowHours: number; maxPerRun: number };
  retentionDays: number;
  shutdownGraceMs: number;
}

/**
 * How many jobs run during a burst unless `WORKER_BURST_CONCURRENCY` says. On PGlite the work
 * pauses: its transactions hold the one session the intake writes through, and with them running
 * the bench acknowledged 0.40 of the Probot baseline (median of 3), without them 0.49. A
 * PostgreSQL server serves both at once, so there the work goes on, two jobs at a time.
 */
export function burstConcurrencyFor(backend: 'pglite' | 'postgres', configured: number | undefined): number {
  return configured ?? (backend === 'pglite' ? 0 : 2);
}

export interface WorkerSettings {
  concurrency: number;
  /**
   * Jobs run at once while deliveries arrive faster than `burstRatePerSecond`. 0 pauses the work
   * for at most `burstMaxPauseMs` of a burst; after that one job runs at a time, so work drains.
   */
  burstConcurrency: number;
  burstMaxPauseMs: number;
  burstRatePerSecond: number;
  leaseMs: number;
  pollMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

const MiB = 1024 * 1024;

const integer = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => ['true', '1', 'yes'].includes(value));

const Environment = z.object({
  PORT: integer(3000, 0),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().url().optional(),
  WEBHOOK_SECRET: z.string().optional(),
  WEBHOOK_SECRETS: z.string().optional(),
  WEBHOOK_SECRET_FILE: z.string().optional(),
  PROWJOB_TOKEN: z.string().optional(),
  PROWJOB_TOKENS: z.string().optional(),
  PROWJOB_TOKEN_FILE: z.string().optional(),
  MAX_BODY_BYTES: integer(25 * MiB, 1024),
  APP_ID: z.string().optional(),
  PRIVATE_KEY: z.string().optional(),
  PRIVATE_KEY_PATH: z.string().optional(),
  GITHUB_API_URL: z.string().url().default('https://api.github.com'),
  GITHUB_WRITES_PER_MINUTE: integer(DEFAULT_GITHUB_CLIENT_SETTINGS.writesPerMinute, 1),
  GITHUB_WRITES_PER_HOUR: integer(DEFAULT_GITHUB_CLIENT_SETTINGS.writesPerHour, 1),
  // GitHub allows 100 concurrent requests in all; one installation's cap cannot sensibly exceed it.
  GITHUB_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(DEFAULT_GITHUB_CLIENT_SETTINGS.concurrency),
  GITHUB_MAX_RATE_LIMIT_WAIT_MS: integer(DEFAULT_GITHUB_CLIENT_SETTINGS.maxRateLimitWaitMs, 0),
  GITHUB_MAX_RETRIES: integer(DEFAULT_GITHUB_CLIENT_SETTINGS.maxRetries, 0),
  GITHUB_RETRY_BASE_MS: integer(DEFAULT_GITHUB_CLIENT_SETTINGS.retryBaseMs, 0),
  GITHUB_ETAG_CACHE_BYTES: integer(DEFAULT_GITHUB_CLIENT_SETTINGS.etagCacheBytes, 0),
  APP_SLUG: z.string().min(1).default('sheriff'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_CONCURRENCY: integer(8, 1),
  /** Unset: 0 on PGlite, 2 on PostgreSQL (see `burstConcurrencyFor`). */
  WORKER_BURST_CONCURRENCY: z.coerce.number().int().min(0).optional(),
  WORKER_BURST_MAX_PAUSE_MS: integer(10_000, 0),
  WORKER_BURST_RATE: integer(400, 1),
  WORKER_LEASE_MS: integer(60_000, 1000),
  WORKER_POLL_MS: integer(1000, 10),
  JOB_MAX_ATTEMPTS: integer(8, 1),
  JOB_BACKOFF_BASE_MS: integer(2000, 0),
  JOB_BACKOFF_MAX_MS: integer(10 * 60_000, 0),
  REDELIVERY_ENABLED: flag(true),
  REDELIVERY_INTERVAL_MS: integer(10 * 60_000, 1000),
  REDELIVERY_WINDOW_HOURS: integer(72, 1),
  REDELIVERY_MAX_PER_RUN: integer(100, 1),
  RETENTION_DAYS: integer(7, 1),
  SHUTDOWN_GRACE_MS: integer(30_000, 0),
  DASHBOARD_PUBLIC: flag(false),
  OUTBOUND_ALLOWED_HOSTS: z.string().optional(),
  DASHBOARD_WINDOW_DAYS: integer(7, 1),
});

export class SettingsError extends Error {}

/** Reads settings from an environment (normally `process.env`); throws `SettingsError` naming each bad variable. */
export function readSettings(env: Readonly<Record<string, string | undefined>>): Settings {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new SettingsError(`Invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    store: e.DATABASE_URL
      ? { backend: 'postgres', databaseUrl: e.DATABASE_URL }
      : { backend: 'pglite', dataDir: resolve(e.DATA_DIR) },
    webhookSecrets: readSecretList(env, 'WEBHOOK_SECRET'),
    prowjobTokens: readSecretList(env, 'PROWJOB_TOKEN'),
    flaggerTokens: readSecretList(env, 'FLAGGER_TOKEN'),
    dashboard: {
      access: dashboardAccess(e.DASHBOARD_PUBLIC, readSecretList(env, 'DASHBOARD_TOKEN')),
      windowDays: e.DASHBOARD_WINDOW_DAYS,
    },
    auditTokens: readSecretList(env, 'AUDIT_TOKEN'),
    outboundAllowedHosts: (e.OUTBOUND_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter((host) => host.length > 0),
    gangway: orSettingsError(() => readGangwaySettings(env)),
    notifications: orSettingsError(() => readNotificationSettings(env)),
    maxBodyBytes: e.MAX_BODY_BYTES,
    app: readAppCredentials(e.APP_ID, e.PRIVATE_KEY, e.PRIVATE_KEY_PATH),
    githubApiUrl: e.GITHUB_API_URL.replace(/\/+$/, ''),
    github: {
      writesPerMinute: e.GITHUB_WRITES_PER_MINUTE,
      writesPerHour: e.GITHUB_WRITES_PER_HOUR,
      concurrency: e.GITHUB_CONCURRENCY,
      maxRateLimitWaitMs: e.GITHUB_MAX_RATE_LIMIT_WAIT_MS,
      maxRetries: e.GITHUB_MAX_RETRIES,
      retryBaseMs: e.GITHUB_RETRY_BASE_MS,
      etagCacheBytes: e.GITHUB_ETAG_CACHE_BYTES,
    },
    appSlug: e.APP_SLUG,
    logLevel: e.LOG_LEVEL,
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      burstConcurrency: e.WORKER_BURST_CONCURRENCY,
      burstMaxPauseMs: e.WORKER_BURST_MAX_PAUSE_MS,
      burstRatePerSecond: e.WORKER_BURST_RATE,
      leaseMs: e.WORKER_LEASE_MS,
      pollMs: e.WORKER_POLL_MS,
      maxAttempts: e.JOB_MAX_ATTEMPTS,
      backoffBaseMs: e.JOB_BACKOFF_BASE_MS,
      backoffMaxMs: e.JOB_BACKOFF_MAX_MS,
    },
    redelivery: {
      enabled: e.REDELIVERY_ENABLED,
      intervalMs: e.REDELIVERY_INTERVAL_MS,
      windowHours: e.REDELIVERY_WINDOW_HOURS,
      maxPerRun: e.REDELIVERY_MAX_PER_RUN,
    },
    retentionDays: e.RETENTION_DAYS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  };
}

function dashboardAccess(isPublic: boolean, tokens: string[]): DashboardAccess {
  if (isPublic) return { kind: 'public' };
  return tokens.length > 0 ? { kind: 'token', tokens } : { kind: 'off' };
}

function orSettingsError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new SettingsError(`Invalid environment: ${(error as Error).message}`);
  }
}

function readAppCredentials(appId?: string, privateKey?: string, privateKeyPath?: string): Settings['app'] {
  const key =
    privateKey?.replace(/\\n/g, '\n') ?? (privateKeyPath ? readFileSync(privateKeyPath, 'utf8') : undefined);
  return appId && key ? { appId, privateKey: key } : undefined;
}

/** What a newcomer must still set before Sheriff can act on GitHub; empty when nothing is missing. */
export function describeMissingSettings(settings: Settings): string[] {
  const missing: string[] = [];
  if (settings.webhookSecrets.length === 0) {
    missing.push(
      'WEBHOOK_SECRET (or WEBHOOK_SECRETS / WEBHOOK_SECRET_FILE): every webhook is refused until it is set',
    );
  }
  if (!settings.app) {
    missing.push(
      'APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH): register the GitHub App from app.yml (see README, "Register the GitHub App")',
    );
  }
  return missing;
}
