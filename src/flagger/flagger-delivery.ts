import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The body Flagger posts to every webhook (`CanaryWebhookPayload`, fluxcd/flagger
 * `pkg/apis/flagger/v1beta1/canary.go`). `checksum` identifies one revision and config of the
 * canary; `metadata` is the webhook's spec metadata, plus `eventMessage`, `eventType` and
 * `timestamp` (Unix milliseconds, as a string) for `event` webhooks. Metadata comes from Canary
 * specs: free text, never trusted beyond reading it.
 */
const payloadSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().min(1),
  phase: z.string().min(1),
  checksum: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export type FlaggerPayload = z.output<typeof payloadSchema>;

/**
 * What a payload is, read from its shape (Flagger does not say which hook it calls):
 * - `event`: an `event` webhook (it carries `metadata.eventMessage`);
 * - `post-rollout`: a hook called with phase `Succeeded` or `Failed`, which only `post-rollout`
 *   is (after a promotion or a rollback);
 * - `gate`: anything else, i.e. `confirm-rollout`, `pre-rollout`, `rollout`,
 *   `confirm-traffic-increase`, `confirm-promotion` (all sent as `Progressing`) or `rollback`
 *   (the current phase). Sheriff never answers those with a 2xx: see {@link FLAGGER_GATE_REFUSAL}.
 */
export type FlaggerHook = 'event' | 'post-rollout' | 'gate';

/**
 * Why a gate or rollback hook gets 403. For a `confirm-*` gate a 2xx means "go ahead", for
 * `pre-rollout` and `rollout` "the check passed", and for `rollback` "roll back now": an
 * endpoint that always answers 2xx would approve every canary or fail every one. A non-2xx
 * holds a gate, counts a failed check, and means "no rollback", so the refusal can only stop a
 * rollout, never wave one through. Flagger shows this text in its events.
 */
export const FLAGGER_GATE_REFUSAL =
  'Sheriff is not a Flagger gate: it never approves a confirm-* gate or a pre-rollout or rollout check, and never asks for a rollback. Register it only as an event or post-rollout webhook.';

const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

/** How one Flagger post is stored: as a delivery, like a webhook. */
export interface FlaggerDelivery {
  /** The dedup id (Flagger sends none): see {@link describeFlaggerPost}. */
  id: string;
  /** One canary's posts are handled one at a time, in order. */
  key: string;
  repository: string;
  hook: Exclude<FlaggerHook, 'gate'>;
}

export type FlaggerPostDescription =
  | { ok: true; delivery: FlaggerDelivery }
  | { ok: false; refused: true; error: string }
  | { ok: false; refused: false; error: string };

/**
 * Checks one Flagger post and says how to store it. Errors name the field.
 *
 * - The repository whose config and issues apply is `?repository=owner/name` on the webhook URL
 *   (Flagger's webhook URL is per canary), else `metadata.repository` of the webhook.
 * - The dedup id is `flagger:<namespace>/<name>:<checksum>:<hash>`, the hash being SHA-256 of the
 *   repository and the body with its keys sorted. A post Flagger repeats (its `retries`) is the
 *   same delivery; an event re-emitted at the next analysis interval carries a new `timestamp`,
 *   so it is a new delivery (it still merges into the same run: the run is the revision).
 *
 * @example
 * describeFlaggerPost(eventFixture, 'example-ack/lambda-controller');
 * // { ok: true, delivery: { id: 'flagger:ack-system/lambda-controller:7b4f6c9d85:…',
 * //   key: 'example-ack/lambda-controller:canary:prod-us-west-2/ack-system/lambda-controller',
 * //   repository: 'example-ack/lambda-controller', hook: 'event' } }
 */
export function describeFlaggerPost(
  body: unknown,
  repositoryParam: string | undefined,
): FlaggerPostDescription {
  const parsed = payloadSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, refused: false, error: `${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  const payload = parsed.data;
  const hook = flaggerHookOf(payload);
  if (hook === 'gate') return { ok: false, refused: true, error: FLAGGER_GATE_REFUSAL };
  const fromMetadata = metadataText(payload, 'repository');
  const repository = repositoryParam ?? fromMetadata;
  if (!repository)
    return {
      ok: false,
      refused: false,
      error:
        'no repository: add ?repository=owner/name to the webhook URL (or metadata.repository to the webhook)',
    };
  if (!REPOSITORY.test(repository))
    return {
      ok: false,
      refused: false,
      error: `${repositoryParam ? 'repository' : 'metadata.repository'}: must be "owner/name", not "${repository.slice(0, 100)}"`,
    };
  const hash = createHash('sha256')
    .update(`${repository.toLowerCase()}\n${canonicalJson(body)}`)
    .digest('hex')
    .slice(0, 32);
  return {
    ok: true,
    delivery: {
      id: `flagger:${payload.namespace}/${payload.name}:${payload.checksum ?? '-'}:${hash}`,
      key: `${repository.toLowerCase()}:canary:${canaryIdOf(payload)}`,
      repository,
      hook,
    },
  };
}

/** Which hook sent the payload, from its shape (see {@link FlaggerHook}). */
export function flaggerHookOf(payload: FlaggerPayload): FlaggerHook {
  if (metadataText(payload, 'eventMessage') !== undefined) return 'event';
  if (payload.phase === 'Succeeded' || payload.phase === 'Failed') return 'post-rollout';
  return 'gate';
}

/**
 * The canary's identity: `<cluster>/<namespace>/<name>` (the cluster from `metadata.cluster`,
 * set by the webhook or by Flagger's `-cluster-name`), or `<namespace>/<name>` without one.
 *
 * @example
 * canaryIdOf(eventFixture); // 'prod-us-west-2/ack-system/lambda-controller'
 */
export function canaryIdOf(payload: FlaggerPayload): string {
  const cluster = metadataText(payload, 'cluster');
  return `${cluster ? `${cluster}/` : ''}${payload.namespace}/${payload.name}`;
}

/** Parses a stored Flagger body (already checked at the edge). */
export function readFlaggerPayload(body: unknown): FlaggerPayload | undefined {
  const parsed = payloadSchema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

/** A metadata value when it is a non-empty string. */
export function metadataText(payload: FlaggerPayload, key: string): string | undefined {
  const value = payload.metadata?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
