import { Agent, request } from 'node:http';
import type { BenchDelivery } from './stream.js';

export interface SendResult {
  id: string;
  status: number;
  sentAt: number;
  ackMs: number;
}

const now = () => performance.timeOrigin + performance.now();

function post(agent: Agent, url: URL, delivery: BenchDelivery): Promise<SendResult> {
  return new Promise((resolve, reject) => {
    const sentAt = now();
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: '/api/github/webhooks',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(delivery.body),
          'user-agent': 'GitHub-Hookshot/bench',
          'x-github-event': delivery.event,
          'x-github-delivery': delivery.id,
          'x-hub-signature-256': delivery.signature,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ id: delivery.id, status: response.statusCode ?? 0, sentAt, ackMs: now() - sentAt }),
        );
      },
    );
    req.on('error', reject);
    req.end(delivery.body);
  });
}

/** Sends every delivery as fast as `connections` keep-alive connections allow. */
export async function sendSaturated(
  baseUrl: string,
  deliveries: readonly BenchDelivery[],
  connections: number,
  onProgress?: (done: number) => void,
): Promise<{ results: SendResult[]; seconds: number }> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const results: SendResult[] = [];
  let next = 0;
  const started = now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < deliveries.length) {
        const delivery = deliveries[next++]!;
        results.push(await post(agent, url, delivery));
        if (results.length % 250 === 0) onProgress?.(results.length);
      }
    }),
  );
  const seconds = (now() - started) / 1000;
  agent.destroy();
  return { results, seconds };
}

/** Sends deliveries at a fixed rate (an open loop: a slow answer does not slow the sender). */
export async function sendPaced(
  baseUrl: string,
  deliveries: readonly BenchDelivery[],
  perSecond: number,
  onProgress?: (done: number) => void,
): Promise<SendResult[]> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const started = now();
  const pending: Array<Promise<SendResult>> = [];
  for (let i = 0; i < deliveries.length; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(post(agent, url, deliveries[i]!));
    if (i % 100 === 0) onProgress?.(i);
  }
  const results = await Promise.all(pending);
  agent.destroy();
  return results;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
