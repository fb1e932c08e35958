import { z } from 'zod';
import { AREA_SEVERITIES } from '../../src/areas/service-area-schema.js';
import type { ReleaseNotice } from '../../src/notifications/release-notice.js';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signOutgoingBody,
} from '../../src/notifications/webhook-signature.js';
import { PermanentJobError, RetryLaterError } from '../../src/pipeline/job-errors.js';
import type { BackgroundContext, PluginJobRun } from '../../src/plugins/plugin-definition.js';
import { NotifyStore } from './notify-store.js';
import { outgoingWebhookEvent } from './outgoing-webhook-event.js';

export const DELIVER_WEBHOOK_JOB = 'deliver-webhook';

const jobData = z.object({
  target: z.string(),
  severity: z.enum(AREA_SEVERITIES),
  notice: z.object({ id: z.string(), kind: z.string(), trackingKey: z.string() }).passthrough(),
});

/** The sent-log destination of an outgoing webhook target. */
export const webhookDestination = (target: string): string => `webhook:${target}`;

const TIMEOUT_MS = 10_000;

/**
 * Sends one notice to one outgoing webhook target, signed (`X-Sheriff-Signature-256`), at most
 * once: the sent-log is checked first and written after a 2xx. A 5xx, a timeout or no answer is
 * retried by the queue with backoff, then dead-lettered; a 429 waits for its `retry-after`; any
 * other 4xx is dead-lettered at once (resending the same bytes cannot help). Logs and errors
 * name the target, never its URL (which may hold a token) or secret.
 */
export async function deliverOutgoingWebhook(context: BackgroundContext & PluginJobRun): Promise<void> {
  const parsed = jobData.safeParse(context.data);
  if (!parsed.success)
    throw new PermanentJobError(`${DELIVER_WEBHOOK_JOB}: bad job data: ${parsed.error.message}`);
  const { target: name, severity } = parsed.data;
  const notice = parsed.data.notice as unknown as ReleaseNotice;
  const transport = context.notifications;
  const target = transport?.settings.outgoing.find((candidate) => candidate.name === name);
  if (!transport || !target)
    throw new PermanentJobError(
      `outgoing webhook target "${name}" is not configured (OUTGOING_WEBHOOKS_FILE)`,
    );
  const store = new NotifyStore(context.store, context.metrics);
  const destination = webhookDestination(name);
  if (await store.wasSent(notice.id, destination)) return;

  const event = outgoingWebhookEvent(notice, severity, name);
  const body = JSON.stringify(event);
  let response: Response;
  try {
    response = await (transport.fetch ?? globalThis.fetch)(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Sheriff',
        [SIGNATURE_HEADER]: signOutgoingBody(body, target.secret),
        [DELIVERY_HEADER]: event.deliveryId,
        [EVENT_HEADER]: event.event,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.any([context.signal, AbortSignal.timeout(TIMEOUT_MS)]),
    });
    await response.arrayBuffer().catch(() => undefined);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new Error(`outgoing webhook "${name}": no answer (${cause})`);
  }
  if (response.ok) {
    await store.recordSent(notice.id, destination);
    context.log.info(
      { target: name, notice: notice.id, status: response.status },
      'outgoing webhook delivered',
    );
    return;
  }
  const status = `outgoing webhook "${name}" answered HTTP ${response.status}`;
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    throw new RetryLaterError(status, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000);
  }
  if (response.status >= 500 || response.status === 408) throw new Error(status);
  throw new PermanentJobError(status);
}
