import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request Gangway's REST gateway received. */
export interface GangwayRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** A canned answer: a status and a JSON body (default: a TRIGGERED execution echoing the job). */
export interface GangwayAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface GangwayReceiver {
  /** Base URL (`http://127.0.0.1:PORT`) for `GANGWAY_URL`. */
  url: string;
  requests: GangwayRequest[];
  /** Answers for the next requests, in order; once used up, requests are answered as a healthy Gangway would. */
  answerNext(...answers: GangwayAnswer[]): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for Gangway's REST gateway (ESPv2 in front of gRPC), over real loopback HTTP:
 * it records every request and checks the credential, as ESPv2 would, answering 401 without it.
 * `POST /v1/executions` answers with a `JobExecution` whose id is a fresh ProwJob name.
 */
export async function startGangwayReceiver(options: { token: string }): Promise<GangwayReceiver> {
  const requests: GangwayRequest[] = [];
  const queued: GangwayAnswer[] = [];
  let executions = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = text ? (JSON.parse(text) as unknown) : null;
      } catch {
        body = text;
      }
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body,
      });
      const send = (answer: GangwayAnswer) => {
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        response.end(JSON.stringify(answer.body ?? {}));
      };
      if (request.headers.authorization !== `Bearer ${options.token}`) {
        send({ status: 401, body: { code: 16, message: 'missing or invalid credentials' } });
        return;
      }
      const next = queued.shift();
      if (next) {
        send(next);
        return;
      }
      if (request.method === 'POST' && request.url === '/v1/executions') {
        executions += 1;
        const job = (body as { job_name?: string } | null)?.job_name ?? '';
        const id = `00000000-0000-4000-8000-${String(executions).padStart(12, '0')}`;
        send({
          status: 200,
          body: {
            id,
            job_name: job,
            job_type: (body as { job_execution_type?: string } | null)?.job_execution_type,
            job_status: 'TRIGGERED',
            job_url: `https://prow.example.dev/view/gs/prow-logs/${job}/${id}`,
            create_time: new Date().toISOString(),
          },
        });
        return;
      }
      send({ status: 404, body: { code: 5, message: `no route ${request.method} ${request.url}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answerNext: (...answers) => queued.push(...answers),
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
