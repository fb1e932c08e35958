import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueStats } from '../store/job-queue.js';

/** How a webhook delivery ended at the HTTP edge. */
export type DeliveryOutcome =
  'accepted' | 'duplicate' | 'unauthorized' | 'too_large' | 'bad_request' | 'store_unavailable';

export type JobOutcome = 'done' | 'retried' | 'dead';

/** A minute to a month: release jobs run on tags and schedules, so episodes last hours or days. */
const TRACKER_DURATION_BUCKETS = [
  60,
  300,
  900,
  1800,
  3600,
  4 * 3600,
  12 * 3600,
  86_400,
  3 * 86_400,
  7 * 86_400,
  30 * 86_400,
];

/**
 * Every metric Sheriff exports, on a registry of its own (so tests and several app instances in
 * one process do not collide). Queue gauges are read from the store when Prometheus scrapes.
 */
export class SheriffMetrics {
  readonly registry = new Registry();

  readonly deliveries = new Counter({
    name: 'sheriff_webhook_deliveries_total',
    help: 'Incoming deliveries by event and outcome at the HTTP edge.',
    labelNames: ['source', 'event', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly ackDuration = new Histogram({
    name: 'sheriff_webhook_ack_duration_seconds',
    help: 'Time from request to acknowledgement, including the durable write.',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly jobs = new Counter({
    name: 'sheriff_jobs_total',
    help: 'Job attempts by kind and outcome (done, retried, dead: dead-lettered).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly handlerDuration = new Histogram({
    name: 'sheriff_handler_duration_seconds',
    help: 'Time spent handling one job attempt.',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'sheriff_queue_depth',
    help: 'Jobs by state: pending, running, dead (dead-lettered, waiting for a replay).',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  readonly queueOldestAge = new Gauge({
    name: 'sheriff_queue_oldest_due_age_seconds',
    help: 'Age of the oldest job that is due and not finished.',
    registers: [this.registry],
  });

  readonly githubRequests = new Counter({
    name: 'sheriff_github_requests_total',
    help: 'Requests to the GitHub API by route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly githubRateLimitRemaining = new Gauge({
    name: 'sheriff_github_rate_limit_remaining',
    help: 'x-ratelimit-remaining from the last GitHub response, per installation and resource.',
    labelNames: ['installation', 'resource'] as const,
    registers: [this.registry],
  });

  readonly redeliveries = new Counter({
    name: 'sheriff_github_redeliveries_requested_total',
    help: 'Deliveries GitHub was asked to send again because Sheriff never stored them.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** Release tracker: seconds from a release job's first failure to its tracking issue. */
  readonly trackerMttd = new Histogram({
    name: 'sheriff_release_tracker_mttd_seconds',
    help: "Mean time to detect: from a release job's first failing run to its tracking issue being opened.",
    buckets: TRACKER_DURATION_BUCKETS,
    registers: [this.registry],
  });

  readonly trackerTimeToRecovery = new Histogram({
    name: 'sheriff_release_tracker_time_to_recovery_seconds',
    help: 'Time a release job was broken: from its first failing run to the run that passed again.',
    buckets: TRACKER_DURATION_BUCKETS,
    registers: [this.registry],
  });

  readonly trackerIssues = new Counter({
    name: 'sheriff_release_tracker_issues_total',
    help: 'Tracking issues by what happened to them: opened, recovered (closed by Sheriff), human_closed.',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  readonly trackerJobRuns = new Counter({
    name: 'sheriff_release_tracker_job_runs_total',
    help: 'Completed job runs the tracker recorded, by signal, outcome and whether it is a release job.',
    labelNames: ['source', 'outcome', 'release'] as const,
    registers: [this.registry],
  });

  readonly notificationsSent = new Counter({
    name: 'sheriff_notifications_sent_total',
    help: 'Messages sent once (the sent-log took them), by destination: slack, slack-webhook, webhook.',
    labelNames: ['destination'] as const,
    registers: [this.registry],
  });

  readonly releaseJobs = new Gauge({
    name: 'sheriff_release_jobs',
    help: 'Release jobs seen in the dashboard window, by service area (empty: none) and status (failing, passing, no-runs).',
    labelNames: ['area', 'status'] as const,
    registers: [this.registry],
  });

  readonly releaseOpenIssues = new Gauge({
    name: 'sheriff_release_open_tracking_issues',
    help: 'Open tracking issues by service area (empty: none).',
    labelNames: ['area'] as const,
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, prefix: 'sheriff_' });
  }

  recordQueue(stats: QueueStats): void {
    this.queueDepth.set({ state: 'pending' }, stats.pending);
    this.queueDepth.set({ state: 'running' }, stats.running);
    this.queueDepth.set({ state: 'dead' }, stats.dead);
    this.queueOldestAge.set(stats.oldestDueAgeSeconds);
  }

  /** Sets the release gauges from the dashboard's model; an area that disappeared reads 0, not stale. */
  recordReleaseHealth(
    areas: ReadonlyArray<{ area: string | null; jobs: ReadonlyArray<{ status: string; issue: unknown }> }>,
  ): void {
    this.releaseJobs.reset();
    this.releaseOpenIssues.reset();
    for (const group of areas) {
      const area = group.area ?? '';
      for (const status of ['failing', 'passing', 'no-runs'])
        this.releaseJobs.set({ area, status }, group.jobs.filter((job) => job.status === status).length);
      this.releaseOpenIssues.set({ area }, group.jobs.filter((job) => job.issue !== null).length);
    }
  }
}
