import { generateKeyPairSync } from 'node:crypto';
import { createSheriff } from '../app/create-sheriff.js';
import { createGitHubDouble } from '../github-double/index.js';
import type { GitHubAction } from '../github-double/request-log.js';
import type { World } from '../github-double/world.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { describeProwJob } from '../prowjobs/prowjob-delivery.js';
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
  const sheriff = await createSheriff({ settings, log, githubFetch: double.fetch, clock: () => now });
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
    return { actions: double.actions(), notifications: [] };
  } finally {
    await sheriff.stop();
  }
}

function toDelivery(event: SimulationEvent, id: string) {
  const source = OWN_SOURCES[event.event] ?? 'github';
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
