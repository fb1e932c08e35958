import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyOutgoingSignature } from '../../../src/notifications/webhook-signature.js';

/** One POST the receiver got, with whether its signature held. */
export interface ReceivedWebhook {
  path: string;
  deliveryId: string | undefined;
  event: string | undefined;
  signatureValid: boolean;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses for the next requests to `path`, in order; then 204. */
  answerNext(path: string, ...statuses: number[]): void;
  close(): Promise<void>;
}

/**
 * The receiving side of Sheriff's outgoing webhooks, as docs/notifications.md tells a receiver to
 * be written: read the raw body, verify `X-Sheriff-Signature-256` with the shared secret in
 * constant time, and refuse (401) what does not verify.
 */
export async function startWebhookReceiver(secrets: Record<string, string>): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const answers = new Map<string, number[]>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '';
      const signature = request.headers['x-sheriff-signature-256'];
      const signatureValid = verifyOutgoingSignature(
        raw,
        secrets[path] ?? '',
        typeof signature === 'string' ? signature : undefined,
      );
      received.push({
        path,
        deliveryId: request.headers['x-sheriff-delivery'] as string | undefined,
        event: request.headers['x-sheriff-event'] as string | undefined,
        signatureValid,
        body: JSON.parse(raw) as Record<string, unknown>,
      });
      const status = signatureValid ? (answers.get(path)?.shift() ?? 204) : 401;
      response.writeHead(status);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerNext: (path, ...statuses) => answers.set(path, [...(answers.get(path) ?? []), ...statuses]),
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
