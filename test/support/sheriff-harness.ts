import { randomUUID } from 'node:crypto';
import { createSheriff, type Sheriff, type SheriffOptions } from '../../src/app/create-sheriff.js';
import { createLogger } from '../../src/logging/logger.js';
import type { DeliveredEvent, EventHandler } from '../../src/pipeline/delivered-event.js';
import { readSettings, type Settings } from '../../src/settings/read-settings.js';
import type { StoreBackend, StoreLocation } from '../../src/store/open-store.js';
import { signBody } from '../../src/webhooks/verify-signature.js';
import { createScratchLocation } from './stores.js';

export const TEST_SECRET = 'test-webhook-secret';

/** Settings for a test server: ephemeral port, loopback, fast polling, quiet logs. */
export function testSettings(store: StoreLocation, env: Record<string, string> = {}): Settings {
  return {
    ...readSettings({
      PORT: '0',
      HOST: '127.0.0.1',
      WEBHOOK_SECRET: TEST_SECRET,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      WORKER_POLL_MS: '50',
      JOB_BACKOFF_BASE_MS: '20',
      JOB_BACKOFF_MAX_MS: '100',
      JOB_MAX_ATTEMPTS: '3',
      SHUTDOWN_GRACE_MS: '2000',
      REDELIVERY_ENABLED: 'false',
      ...env,
    }),
    store,
  };
}

export interface Harness {
  sheriff: Sheriff;
  url: string;
  /** Every event the plugins were handed, in order. */
  handled: DeliveredEvent[];
  send(event: string, body: string | object, options?: SendOptions): Promise<Response>;
  /** Polls until `check` is true (fails the test after `timeoutMs`). */
  waitFor(check: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface SendOptions {
  delivery?: string;
  secret?: string;
  /** Replaces the computed signature header; `null` leaves it out. */
  signature?: string | null;
  headers?: Record<string, string>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Replaces the plugins (pipeline tests); without it the real plugins run. */
  handleEvent?: EventHandler;
  location?: StoreLocation;
  extra?: Partial<SheriffOptions>;
}

/** Starts a real Sheriff over real HTTP on loopback, on a fresh store of the given backend. */
export async function startHarness(backend: StoreBackend, options: HarnessOptions = {}): Promise<Harness> {
  const scratch = options.location ? undefined : await createScratchLocation(backend);
  const location = options.location ?? scratch!.location;
  const handled: DeliveredEvent[] = [];
  const settings = testSettings(location, options.env);
  const sheriff = await createSheriff({
    settings,
    log: createLogger(settings.logLevel),
    schedulerTickMs: 60_000,
    ...(options.handleEvent ? { handleEvent: options.handleEvent } : {}),
    wrapEventHandler: (inner) => async (event, context) => {
      await inner(event, context);
      handled.push(event);
    },
    ...options.extra,
  });
  const url = await sheriff.listen();
  return {
    sheriff,
    url,
    handled,
    send: (event, body, sendOptions = {}) => sendWebhook(url, event, body, sendOptions),
    waitFor,
    close: async () => {
      await sheriff.stop();
      await scratch?.dispose();
    },
  };
}

export async function sendWebhook(
  url: string,
  event: string,
  body: string | object,
  options: SendOptions = {},
): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const signature =
    options.signature === undefined ? signBody(raw, options.secret ?? TEST_SECRET) : options.signature;
  return fetch(`${url}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': options.delivery ?? randomUUID(),
      ...(signature === null ? {} : { 'x-hub-signature-256': signature }),
      ...options.headers,
    },
    body: raw,
  });
}

/** Polls until `check` holds; the generous default suits a loaded 2-core CI machine, not a timing claim. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
