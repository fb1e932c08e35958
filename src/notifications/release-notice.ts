import type { AreaSeverity } from '../areas/service-area-schema.js';

/**
 * What changed about a release problem, as a message to people. The release tracker (and the
 * Flagger, watchdog and storm handling feeding it) publishes notices; plugins with a
 * `handleNotice` (Slack, outgoing webhooks) turn them into messages. A notice is published in the
 * same transaction as the tracker state it describes, so a state change and its notice are
 * stored together or not at all.
 *
 * - `opened`: a tracking issue was opened (or adopted) for a failing job.
 * - `escalated`: still failing and now worse (a `remindAt` count reached, a canary stuck promoting).
 * - `stage-changed`: the failing stage moved (build -> image push).
 * - `updated`: other news worth a thread reply (a person's action was followed by a new failure).
 * - `retried`: someone re-ran the job (`/retest-release`).
 * - `acknowledged`: someone took it (`/ack`): reminders stop.
 * - `snoozed`: reminders and comments pause until `snoozedUntil`.
 * - `resolved`: the job recovered (or a person closed the issue and the job then recovered).
 * - `storm-opened` / `storm-updated` / `storm-resolved`: the umbrella incident of a storm; the
 *   per-job notices of its members carry `umbrella` and are not sent on their own.
 */
export type NoticeKind =
  | 'opened'
  | 'escalated'
  | 'stage-changed'
  | 'updated'
  | 'retried'
  | 'acknowledged'
  | 'snoozed'
  | 'resolved'
  | 'storm-opened'
  | 'storm-updated'
  | 'storm-resolved';

/** Every `NoticeKind`, for config schemas that filter by kind. */
export const NOTICE_KINDS: readonly NoticeKind[] = [
  'opened',
  'escalated',
  'stage-changed',
  'updated',
  'retried',
  'acknowledged',
  'snoozed',
  'resolved',
  'storm-opened',
  'storm-updated',
  'storm-resolved',
];

export interface NoticeIssue {
  /** `owner/name`. */
  repository: string;
  number: number;
  url: string;
}

export interface ReleaseNotice {
  /**
   * Stable across retries of the work that produced it: `<tracking key>#<episode start run id>/<kind>/<n>`.
   * Receivers deduplicate on it (the outgoing webhook's delivery id, the Slack sent-log key).
   */
  id: string;
  kind: NoticeKind;
  /** The tracker's key: one thread per key and episode. */
  trackingKey: string;
  /** The first failing run of the episode: with the key, names one tracking issue's life. */
  episode: string;
  /** `owner/name` of the job's repository: its `.github/sheriff.yml` routes the notice. */
  repository: string;
  job: string;
  area: string | null;
  severity: AreaSeverity;
  stage: string | null;
  /** Consecutive failures so far (0 once resolved). */
  failures: number;
  issue: NoticeIssue | null;
  /** The failing run's logs (Prow's Spyglass, the Actions run). */
  logsUrl: string | null;
  /** Owners as tagged on the issue (logins and `org/team`), for a mention where routing allows. */
  owners: string[];
  /** One line for people: what happened. */
  summary: string;
  /** Who acted, for `retried`, `acknowledged`, `snoozed`. */
  actor?: string;
  snoozedUntil?: string;
  /** The umbrella incident this job is folded into (storm control): the notice is not sent by itself. */
  umbrella?: NoticeIssue;
  /** Storm notices: the member jobs. */
  members?: Array<{ repository: string; job: string; issue: NoticeIssue | null }>;
  /** When it happened (ISO 8601, Sheriff's clock). */
  at: string;
}
