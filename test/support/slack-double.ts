import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message as the double stored it: posted by the bot (or the incoming webhook), maybe edited. */
export interface SlackDoubleMessage {
  /** The channel as posted to (`#lambda`, an id, or `webhook` for the incoming webhook). */
  channel: string;
  /** The channel id the double answered with. */
  channelId: string;
  ts: string;
  /** Set on thread replies: the root's `ts`. */
  threadTs?: string;
  text: string;
  blocks: Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Every earlier version of the message, oldest first (chat.update). */
  edits: Array<{ text: string; blocks: Array<Record<string, unknown>> }>;
}

/** A canned failure for the next request: a status, with `retry-after` seconds for a 429. */
export interface SlackFault {
  status: number;
  retryAfter?: number;
}

export interface SlackDouble {
  /** Base of the Web API (`SLACK_API_URL`): `http://127.0.0.1:PORT/api/`. */
  apiUrl: string;
  /** The incoming webhook URL (`SLACK_WEBHOOK_URL`); its path holds a secret-like token, as Slack's do. */
  webhookUrl: string;
  /** The bot token the double accepts (`SLACK_BOT_TOKEN`). */
  token: string;
  /** Every message posted, in order (roots, replies and webhook posts). */
  messages: SlackDoubleMessage[];
  /** Requests received, delivered or failed: `chat.postMessage 200`, `webhook 429`, ... */
  requests: string[];
  /** Roots (messages not in a thread) of one channel as posted to. */
  roots(channel: string): SlackDoubleMessage[];
  /** The replies in the thread of `root`, in order. */
  replies(root: SlackDoubleMessage): SlackDoubleMessage[];
  /** Fails the next requests (any method), in order; nothing is stored for a failed request. */
  failNext(...faults: SlackFault[]): void;
  close(): Promise<void>;
}

const WEBHOOK_PATH = '/services/T000/B000/XXXXXXXXsecretXXXXXXXX';

/**
 * A local Slack over loopback HTTP: `chat.postMessage` and `chat.update` of the Web API (bearer
 * token checked, JSON or form bodies as `@slack/web-api` sends them) and one incoming webhook.
 * It records what a workspace would show, and answers 429 with `retry-after` or 5xx on demand
 * (storing nothing for those, as Slack does not post a message it refused).
 */
export async function startSlackDouble(options: { token?: string } = {}): Promise<SlackDouble> {
  const token = options.token ?? 'xoxb-test-token';
  const messages: SlackDoubleMessage[] = [];
  const requests: string[] = [];
  const faults: SlackFault[] = [];
  const channelIds = new Map<string, string>();
  let clock = 1_700_000_000_000_000;

  const channelId = (channel: string) => {
    if (/^[CG][A-Z0-9]+$/.test(channel)) return channel;
    let id = channelIds.get(channel);
    if (!id) {
      id = `C${String(channelIds.size + 1).padStart(8, '0')}`;
      channelIds.set(channel, id);
    }
    return id;
  };
  const nextTs = () => {
    clock += 100;
    return `${Math.floor(clock / 1_000_000)}.${String(clock % 1_000_000).padStart(6, '0')}`;
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '').split('?')[0]!;
      const name = path === WEBHOOK_PATH ? 'webhook' : path.replace(/^\/api\//, '');
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        requests.push(`${name} ${status}`);
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      };
      const fault = faults.shift();
      if (fault) {
        json(
          fault.status,
          { ok: false, error: fault.status === 429 ? 'ratelimited' : 'internal_error' },
          fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) },
        );
        return;
      }
      const body = readBody(request, Buffer.concat(chunks).toString('utf8'));
      if (name === 'webhook') {
        messages.push({
          channel: 'webhook',
          channelId: 'webhook',
          ts: nextTs(),
          text: String(body.text ?? ''),
          blocks: (body.blocks as SlackDoubleMessage['blocks']) ?? [],
          edits: [],
        });
        requests.push('webhook 200');
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('ok');
        return;
      }
      if (request.headers.authorization !== `Bearer ${token}`) {
        json(200, { ok: false, error: 'invalid_auth' });
        return;
      }
      if (name === 'chat.postMessage') {
        const channel = String(body.channel ?? '');
        if (!channel) return json(200, { ok: false, error: 'channel_not_found' });
        const threadTs = body.thread_ts ? String(body.thread_ts) : undefined;
        const id = channelId(channel);
        if (threadTs && !messages.some((message) => message.channelId === id && message.ts === threadTs))
          return json(200, { ok: false, error: 'thread_not_found' });
        const message: SlackDoubleMessage = {
          channel,
          channelId: id,
          ts: nextTs(),
          ...(threadTs ? { threadTs } : {}),
          text: String(body.text ?? ''),
          blocks: (body.blocks as SlackDoubleMessage['blocks']) ?? [],
          edits: [],
        };
        messages.push(message);
        return json(200, { ok: true, channel: id, ts: message.ts, message: { text: message.text } });
      }
      if (name === 'chat.update') {
        const message = messages.find(
          (candidate) => candidate.channelId === body.channel && candidate.ts === body.ts,
        );
        if (!message) return json(200, { ok: false, error: 'message_not_found' });
        message.edits.push({ text: message.text, blocks: message.blocks });
        message.text = String(body.text ?? '');
        message.blocks = (body.blocks as SlackDoubleMessage['blocks']) ?? [];
        return json(200, { ok: true, channel: message.channelId, ts: message.ts });
      }
      json(404, { ok: false, error: 'unknown_method' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    apiUrl: `${base}/api/`,
    webhookUrl: `${base}${WEBHOOK_PATH}`,
    token,
    messages,
    requests,
    roots: (channel) => messages.filter((message) => message.channel === channel && !message.threadTs),
    replies: (root) =>
      messages.filter((message) => message.channelId === root.channelId && message.threadTs === root.ts),
    failNext: (...more) => faults.push(...more),
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

/** The Web API takes JSON or a form whose object values are JSON text (`@slack/web-api` sends either). */
function readBody(request: IncomingMessage, text: string): Record<string, unknown> {
  if (!text) return {};
  if ((request.headers['content-type'] ?? '').includes('application/json'))
    return JSON.parse(text) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    body[key] = JSON_FIELDS.has(key) ? (JSON.parse(value) as unknown) : value;
  }
  return body;
}
