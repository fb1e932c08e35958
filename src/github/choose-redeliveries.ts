/** One attempt of one delivery, as `GET /app/hook/deliveries` lists it. */
export interface HookDeliveryAttempt {
  id: number;
  guid: string;
  delivered_at: string;
  status_code: number;
  event: string;
}

export interface RedeliveryPolicy {
  now: Date;
  /** GitHub keeps deliveries for redelivery 3 days (GHES: 7). */
  windowMs: number;
  /** Attempts younger than this may still be in flight to us; leave them alone. */
  settleMs: number;
  maxPerRun: number;
  maxRequestsPerGuid: number;
}

/**
 * Decides which deliveries to ask GitHub to send again: those inside the window that the store
 * never recorded, using the newest attempt of each GUID, in the order the events first happened,
 * bounded per run. A delivery
 * we refused as too large (413) would be refused again, and one we already asked for too often is
 * given up on (it stays visible in the metrics).
 */
export function chooseRedeliveries(
  attempts: readonly HookDeliveryAttempt[],
  stored: ReadonlySet<string>,
  requestsSoFar: ReadonlyMap<string, number>,
  policy: RedeliveryPolicy,
): HookDeliveryAttempt[] {
  const newestByGuid = new Map<string, HookDeliveryAttempt>();
  const firstSeen = new Map<string, number>();
  for (const attempt of attempts) {
    const at = Date.parse(attempt.delivered_at);
    const current = newestByGuid.get(attempt.guid);
    if (!current || at > Date.parse(current.delivered_at)) newestByGuid.set(attempt.guid, attempt);
    firstSeen.set(attempt.guid, Math.min(at, firstSeen.get(attempt.guid) ?? at));
  }
  const now = policy.now.getTime();
  return [...newestByGuid.values()]
    .filter((attempt) => {
      const age = now - Date.parse(attempt.delivered_at);
      return (
        !stored.has(attempt.guid) &&
        age <= policy.windowMs &&
        age >= policy.settleMs &&
        attempt.status_code !== 413 &&
        (requestsSoFar.get(attempt.guid) ?? 0) < policy.maxRequestsPerGuid
      );
    })
    .sort((a, b) => firstSeen.get(a.guid)! - firstSeen.get(b.guid)!)
    .slice(0, policy.maxPerRun);
}
