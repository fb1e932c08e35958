import { createHash } from 'node:crypto';
import type { AreaSeverity } from '../../src/areas/service-area-schema.js';
import type { NoticeKind, ReleaseNotice } from '../../src/notifications/release-notice.js';

/** The JSON body of an outgoing webhook (version 1; fields are only ever added). */
export interface OutgoingWebhookEvent {
  version: 1;
  /** The same on every retry of one notice to one target: receivers deduplicate on it. */
  deliveryId: string;
  event: NoticeKind;
  /** After `plugins.notify.severities`. */
  severity: AreaSeverity;
  notice: ReleaseNotice;
}

/**
 * The delivery id of one notice to one target: 32 hex characters, header-safe whatever the job
 * name holds, and stable across retries.
 */
export function outgoingDeliveryId(noticeId: string, target: string): string {
  return createHash('sha256').update(`${noticeId}\n${target}`).digest('hex').slice(0, 32);
}

/** The event for `target`: a pure function of the notice, so every retry sends (and signs) the same bytes. */
export function outgoingWebhookEvent(
  notice: ReleaseNotice,
  severity: AreaSeverity,
  target: string,
): OutgoingWebhookEvent {
  return {
    version: 1,
    deliveryId: outgoingDeliveryId(notice.id, target),
    event: notice.kind,
    severity,
    notice,
  };
}
