import type { NotificationFetch } from './notification-transport.js';

/** A message as `sheriff simulate` prints it (contract section 3, `notifications`). */
export type RecordedNotification =
  | {
      kind: 'slack';
      channel: string;
      text: string;
      blocks: unknown[];
      /** A reply: the root message's ts. */
      thread_ts?: string;
      /** An edit of an earlier message (chat.update), and which one. */
      update?: true;
      ts: string;
    }
  | { kind: 'webhook'; url: string; body: unknown };

/** Where the simulated Slack answers (a Web API base that never reaches the network). */
export const SIMULATED_SLACK_API_URL = 'https://slack.simulated/api/';

/**
 * An in-process stand-in for Slack and for outgoing webhook receivers, for `sheriff simulate`:
 * every request succeeds and is recorded, in order, as a notification. The Slack Web API part
 * answers `chat.postMessage` and `chat.update` as Slack does (channel ids, message timestamps),
 * so threads and edits work; timestamps are a counter, so the output depends only on the input.
 */
export function createRecordingNotificationFetch(): {
  fetch: NotificationFetch;
  notifications: RecordedNotification[];
} {
  const notifications: RecordedNotification[] = [];
  const channelIds = new Map<string, string>();
  const channelNames = new Map<string, string>();
  let sequence = 0;
  const idOf = (channel: string) => {
    if (channelNames.has(channel)) return channel;
    let id = channelIds.get(channel);
    if (!id) {
      id = `C${String(channelIds.size + 1).padStart(8, '0')}`;
      channelIds.set(channel, id);
      channelNames.set(id, channel);
    }
    return id;
  };
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

  const fetch: NotificationFetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const text = typeof init?.body === 'string' ? init.body : '';
    const body = readBody(text, String(new Headers(init?.headers).get('content-type') ?? ''));
    if (url.startsWith(SIMULATED_SLACK_API_URL)) {
      const method = url.slice(SIMULATED_SLACK_API_URL.length);
      const channelId = idOf(String(body.channel ?? ''));
      const channel = channelNames.get(channelId) ?? channelId;
      if (method === 'chat.postMessage') {
        sequence += 1;
        const ts = `1000000000.${String(sequence).padStart(6, '0')}`;
        notifications.push({
          kind: 'slack',
          channel,
          text: String(body.text ?? ''),
          blocks: (body.blocks as unknown[]) ?? [],
          ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}),
          ts,
        });
        return json({ ok: true, channel: channelId, ts });
      }
      if (method === 'chat.update') {
        notifications.push({
          kind: 'slack',
          channel,
          text: String(body.text ?? ''),
          blocks: (body.blocks as unknown[]) ?? [],
          update: true,
          ts: String(body.ts ?? ''),
        });
        return json({ ok: true, channel: channelId, ts: body.ts });
      }
      return json({ ok: false, error: 'unknown_method' });
    }
    notifications.push({ kind: 'webhook', url, body });
    return new Response(null, { status: 204 });
  };
  return { fetch, notifications };
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

function readBody(text: string, contentType: string): Record<string, unknown> {
  if (!text) return {};
  if (contentType.includes('application/json')) return JSON.parse(text) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text))
    body[key] = JSON_FIELDS.has(key) ? (JSON.parse(value) as unknown) : value;
  return body;
}
