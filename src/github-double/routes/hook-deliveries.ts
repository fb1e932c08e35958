import type { HookDeliveryRecord } from '../double-state.js';
import { addHookDelivery } from '../seed-state.js';
import { notFound } from '../github-error.js';
import { isoTime, isoTimeOrNull } from '../render/timestamps.js';
import type { RouteContext, RouteTable } from './route-types.js';

const DEFAULT_PER_PAGE = 30;
/** Cursors are opaque on GitHub; the double's encode the last id of the previous page. */
const CURSOR_PREFIX = 'v1_';

function renderDelivery(delivery: HookDeliveryRecord) {
  return {
    id: delivery.id,
    guid: delivery.guid,
    delivered_at: isoTime(delivery.deliveredAt),
    redelivery: delivery.redelivery,
    duration: delivery.duration,
    status: delivery.status,
    status_code: delivery.statusCode,
    event: delivery.event,
    action: delivery.action,
    installation_id: delivery.installationId,
    repository_id: delivery.repositoryId,
    throttled_at: isoTimeOrNull(delivery.throttledAt),
  };
}

function requireDelivery(context: RouteContext): HookDeliveryRecord {
  const id = Number(context.params.delivery_id);
  const delivery = context.state.hookDeliveries.find((candidate) => candidate.id === id);
  if (!delivery) throw notFound(context.docs);
  return delivery;
}

/** The App's webhook delivery log (seeded by the world or the test) and redelivery requests. */
export const hookDeliveryRoutes: RouteTable = {
  'apps/list-webhook-deliveries': (context) => {
    const perPage = Math.min(Number(context.query.per_page ?? DEFAULT_PER_PAGE), 100);
    const cursor = typeof context.query.cursor === 'string' ? context.query.cursor : '';
    const before = cursor.startsWith(CURSOR_PREFIX)
      ? Number(cursor.slice(CURSOR_PREFIX.length))
      : Number.POSITIVE_INFINITY;
    const newestFirst = [...context.state.hookDeliveries]
      .sort((a, b) => b.id - a.id)
      .filter((delivery) => delivery.id < before);
    const page = newestFirst.slice(0, perPage);
    const headers: Record<string, string> = {};
    if (newestFirst.length > perPage) {
      const next = new URL(context.url);
      next.searchParams.set('cursor', `${CURSOR_PREFIX}${page[page.length - 1]!.id}`);
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    return { status: 200, body: page.map(renderDelivery), headers };
  },

  'apps/get-webhook-delivery': (context) => {
    const delivery = requireDelivery(context);
    return {
      status: 200,
      body: {
        ...renderDelivery(delivery),
        url: `${context.links.api}/app/hook/deliveries/${delivery.id}`,
        request: {
          headers: { 'X-GitHub-Delivery': delivery.guid, 'X-GitHub-Event': delivery.event },
          payload: null,
        },
        response: { headers: {}, payload: null },
      },
    };
  },

  // The redelivery gets a new id and the same guid (X-GitHub-Delivery), as on GitHub.
  'apps/redeliver-webhook-delivery': (context) => {
    const original = requireDelivery(context);
    const now = context.state.now;
    context.state.redeliveries.push({ deliveryId: original.id, guid: original.guid, at: now });
    const copy = addHookDelivery(context.state, {
      id: context.state.ids.take('hook-delivery'),
      guid: original.guid,
      event: original.event,
      action: original.action,
      status: 'OK',
      statusCode: 200,
      deliveredAt: now,
      redelivery: true,
      duration: original.duration,
      installationId: original.installationId,
      repository: null,
      throttledAt: null,
    });
    copy.repositoryId = original.repositoryId;
    return { status: 202, body: {} };
  },
};
