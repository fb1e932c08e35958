import { RetryLaterError } from '../pipeline/job-errors.js';

/** Where Gangway's REST gateway is and how Sheriff authenticates to it (from the environment only). */
export interface GangwaySettings {
  /** Base URL of the REST transcoding proxy (ESPv2 / Cloud Endpoints) in front of Gangway. */
  url: string;
  /** Headers sent on every request (`Authorization: Bearer ...`, `x-api-key`). Secret: never logged. */
  headers: Readonly<Record<string, string>>;
  /** Per-request timeout. */
  timeoutMs: number;
}

export type GangwayExecutionType = 'PERIODIC' | 'POSTSUBMIT' | 'PRESUBMIT';

export interface GangwayPull {
  number: number;
  author: string;
  /** 40 lowercase hex characters (Gangway rejects anything else). */
  sha: string;
  title?: string;
  ref?: string;
  link?: string;
}

/** Prow's `Refs`, as Gangway takes them (periodics take none). */
export interface GangwayRefs {
  org: string;
  repo: string;
  repo_link?: string;
  base_ref: string;
  base_sha: string;
  pulls?: GangwayPull[];
}

export interface CreateJobExecutionRequest {
  job_name: string;
  job_execution_type: GangwayExecutionType;
  refs?: GangwayRefs;
  pod_spec_options?: {
    envs?: Record<string, string>;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
}

/** Gangway's `JobExecution` (fields Sheriff reads; the rest is kept in `raw`). */
export interface JobExecution {
  id: string;
  job_name: string;
  job_type?: string;
  job_status?: string;
  job_url?: string;
  gcs_path?: string;
  create_time?: string;
  raw: Record<string, unknown>;
}

/** Gangway refused the request for good (4xx): retrying the same request cannot help. */
export class GangwayRefusedError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * A small REST client for Prow's Gangway (`POST /v1/executions`, `GET /v1/executions/{id}`,
 * `GET /v1/executions?job_name=`). Gangway itself speaks gRPC; its REST surface is the
 * transcoding proxy's, which is how every deployment we know of exposes it outside the cluster.
 *
 * Errors: a 4xx (bad argument, permission denied) is a `GangwayRefusedError` carrying Gangway's
 * message; a 5xx, a timeout or a network failure is a `RetryLaterError`, so the job queue retries
 * it with backoff and, when retries run out, the caller can say so instead of staying silent.
 *
 * @example
 * const gangway = new GangwayClient({ url, headers: { authorization: `Bearer ${token}` }, timeoutMs: 10_000 });
 * const execution = await gangway.createJobExecution({ job_name: 'ecr-controller-release', job_execution_type: 'POSTSUBMIT', refs });
 */
export class GangwayClient {
  private readonly base: string;

  constructor(
    private readonly settings: GangwaySettings,
    private readonly fetchImpl: typeof globalThis.fetch = globalThis.fetch,
  ) {
    this.base = settings.url.replace(/\/+$/, '');
  }

  createJobExecution(request: CreateJobExecutionRequest, signal?: AbortSignal): Promise<JobExecution> {
    return this.call('POST', '/v1/executions', request, signal).then(toExecution);
  }

  getJobExecution(id: string, signal?: AbortSignal): Promise<JobExecution> {
    return this.call('GET', `/v1/executions/${encodeURIComponent(id)}`, undefined, signal).then(toExecution);
  }

  async listJobExecutions(jobName: string, status?: string, signal?: AbortSignal): Promise<JobExecution[]> {
    const query = new URLSearchParams({ job_name: jobName, ...(status ? { status } : {}) });
    const body = (await this.call('GET', `/v1/executions?${query.toString()}`, undefined, signal)) as {
      job_execution?: unknown[];
    };
    return (body.job_execution ?? []).map(toExecution);
  }

  private async call(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...this.settings.headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      // Never echo the request (its headers hold the credentials): the method, path and cause suffice.
      throw new RetryLaterError(`Gangway ${method} ${path} failed: ${(error as Error).message}`, 30_000);
    }
    const text = await response.text();
    if (response.status >= 500 || response.status === 429) {
      throw new RetryLaterError(
        `Gangway ${method} ${path} answered ${response.status}: ${summarize(text)}`,
        retryAfterMs(response.headers.get('retry-after')),
      );
    }
    if (!response.ok) {
      throw new GangwayRefusedError(
        `Gangway refused ${method} ${path} (${response.status}): ${summarize(text)}`,
        response.status,
      );
    }
    try {
      return text.length === 0 ? {} : (JSON.parse(text) as unknown);
    } catch {
      throw new RetryLaterError(
        `Gangway ${method} ${path} answered ${response.status} with non-JSON`,
        30_000,
      );
    }
  }
}

function toExecution(value: unknown): JobExecution {
  const raw = (value ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
  const execution: JobExecution = { id: text('id') ?? '', job_name: text('job_name') ?? '', raw };
  for (const key of ['job_type', 'job_status', 'job_url', 'gcs_path', 'create_time'] as const) {
    const found = text(key);
    if (found !== undefined) execution[key] = found;
  }
  return execution;
}

/** Gangway's error bodies are gRPC statuses (`{code, message}`); keep the message, bounded. */
function summarize(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message.slice(0, 300);
  } catch {
    // not JSON: fall through
  }
  return text.slice(0, 300) || '(empty body)';
}

function retryAfterMs(header: string | null): number {
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 10 * 60_000) : 30_000;
}
