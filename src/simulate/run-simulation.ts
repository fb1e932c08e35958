import { generateKeyPairSync } from 'node:crypto';
import { createSheriff } from '../app/create-sheriff.js';
import { createGitHubDouble } from '../github-double/index.js';
import type { GitHubAction } from '../github-double/request-log.js';
import type { World } from '../github-double/world.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { describeFlaggerPost } from '../flagger/flagger-delivery.js';
import { describeProwJob } from '../prowjobs/prowjob-delivery.js';
import { readOutgoingWebhookTargets } from '../notifications/notification-settings.js';
import {
  createRecordingNotificationFetch,
  SIMULATED_SLACK_API_URL,
} from '../notifications/recording-notification-fetch.js';
import { readSettings } from '../settings/read-settings.js';
import type { StoreLocation } from '../store/open-store.js';
import type { DeliverySource } from '../store/schema.js';
import { keyForGitHubEvent, type GitHubPayload } from '../webhooks/delivery-key.js';
import { SimulationInputError, type SimulationEvent } from './simulation-events.js';

export interface SimulationResult {
  /** Every non-GET request Sheriff sent to GitHub, in order (contract section 3). */
  actions: GitHubAction[];
  /** Every message sent elsewhere (Slack, outgoing webhooks), in order. */
  notifications: unknown[];
}

export interface SimulationOptions {
  world: World;
  events: readonly SimulationEvent[];
  /** Default: a fresh in-memory PGlite. */
  store?: StoreLocation;
  log?: Logger;
}

/** Event names that are not GitHub's: they arrive on Sheriff's own endpoints. */
const OWN_SOURCES: Record<string, DeliverySource> = { prowjob: 'prowjob', flagger: 'flagger' };

/**
 * Runs the real Sheriff (real plugins, real config loading from the world's files, a real store)
 * against an in-process GitHub double seeded from the world: no sockets, no network. Events run
 * in order, each to completion, with state carried over; a repeated delivery id is a redelivery.
 * The output depends only on the inputs.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const double = createGitHubDouble(options.world);
  let now = double.now();
  const log = options.log ?? createLogger('silent');
  const settings = {
    ...readSettings({
      LOG_LEVEL: 'silent',
      APP_ID: String(double.state.app.id),
      PRIVATE_KEY: simulationKey(),
      APP_SLUG: double.state.app.slug,
      WORKER_POLL_MS: '20',
      JOB_BACKOFF_BASE_MS: '5',
      JOB_BACKOFF_MAX_MS: '20',
      JOB_MAX_ATTEMPTS: '3',
      REDELIVERY_ENABLED: 'false',
    }),
    store: options.store ?? { backend: 'pglite' as const, dataDir: undefined },
  };
  // Slack answers in-process as if a bot token were set; outgoing webhook targets are the
  // operator's (OUTGOING_WEBHOOKS_FILE), their receivers answered in-process too.
  const recorder = createRecordingNotificationFetch();
  const outgoingFile = process.env.OUTGOING_WEBHOOKS_FILE;
  settings.notifications = {
    slack: { botToken: 'xoxb-simulated', apiUrl: SIMULATED_SLACK_API_URL },
    outgoing: outgoingFile ? readOutgoingWebhookTargets(process.env, outgoingFile) : [],
  };
  const sheriff = await createSheriff({
    settings,
    log,
    githubFetch: double.fetch,
    clock: () => now,
    notificationFetch: recorder.fetch,
    // No network in a simulation: a version marker reads as unreachable (the watchdog says so).
    externalFetch: offlineFetch,
  });
  try {
    await sheriff.scheduler.start(3_600_000);
    let sequence = 0;
    for (const event of options.events) {
      if (event.at) {
        now = event.at;
        double.setClock(event.at);
      }
      if (event.event === 'tick') {
        await sheriff.scheduler.tick();
      } else {
        sequence += 1;
        await sheriff.ingest(toDelivery(event, event.delivery ?? `simulated-${sequence}`));
      }
      await sheriff.runUntilIdle();
    }
    return { actions: double.actions(), notifications: recorder.notifications };
  } finally {
    await sheriff.stop();
  }
}

function toDelivery(event: SimulationEvent, id: string) {
  const source = OWN_SOURCES[event.event] ?? 'github';
  if (source === 'flagger') return flaggerDelivery(event, id);
  // The world decides which installation serves a repository (as for Prow's forwards), so a
  // payload recorded elsewhere, with another installation id, still runs.
  const payload = { ...(event.payload as Record<string, unknown>) };
  delete payload.installation;
  const typed = payload as GitHubPayload;
  // A ProwJob is keyed and routed as POST /api/v1/prowjobs stores it.
  const prowjob = source === 'prowjob' ? describeProwJob(payload) : undefined;
  if (prowjob && !prowjob.ok) throw new SimulationInputError(`prowjob ${id}: ${prowjob.error}`);
  return {
    id,
    source,
    event: event.event,
    action: typeof typed.action === 'string' ? typed.action : null,
    key: prowjob?.ok ? prowjob.delivery.key : keyForGitHubEvent(event.event, typed),
    installation_id: null,
    repository: prowjob?.ok ? prowjob.delivery.repository : (typed.repository?.full_name ?? null),
    payload: JSON.stringify(payload),
  };
}

/**
 * A Flagger post as POST /api/v1/flagger stores it: its dedup id (unless the line names a
 * delivery), key and repository; a gate or rollback hook is refused, as the endpoint does.
 */
function flaggerDelivery(event: SimulationEvent, id: string) {
  const described = describeFlaggerPost(event.payload, event.repository);
  if (!described.ok) throw new SimulationInputError(`flagger ${event.delivery ?? id}: ${described.error}`);
  const { delivery } = described;
  return {
    id: event.delivery ?? delivery.id,
    source: 'flagger' as const,
    event: event.event,
    action: delivery.hook,
    key: delivery.key,
    installation_id: null,
    repository: delivery.repository,
    payload: JSON.stringify(event.payload),
    // Flagger's post-rollout carries no time of its own: the simulated clock is when it arrived.
    ...(event.at ? { received_at: event.at } : {}),
  };
}

let key: string | undefined;
/** The App key the simulated Sheriff signs its JWTs with; the double accepts any. */
function simulationKey(): string {
  key ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
  return key;
}

/** What outbound HTTP other than GitHub and notifications meets under `simulate`: nothing. */
const offlineFetch: typeof globalThis.fetch = async (input) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  throw new TypeError(`sheriff simulate is offline: ${url} was not fetched`);
};
