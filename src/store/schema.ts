import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { DeflateOnStore, PayloadEncoding } from './payload-encoding.js';

/**
 * Where a delivery came from. GitHub covers both the installed App and forwards from Prow's hook
 * (they are byte-identical); the others arrive on Sheriff's own endpoints.
 */
export type DeliverySource = 'github' | 'prowjob' | 'flagger' | 'internal';

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface DeliveriesTable {
  /** `X-GitHub-Delivery`, stable across redeliveries, so it is the idempotency key. */
  id: string;
  source: DeliverySource;
  event: string;
  action: string | null;
  /** The ordering key of the work this delivery starts (see `delivery-key.ts`). */
  key: string;
  installation_id: number | null;
  repository: string | null;
  /**
   * The body exactly as received (a replay sees the bytes the signature covered), stored in
   * `payload_encoding`. Read through `DeliveryLog` and `JobQueue`, which decode it.
   */
  payload: ColumnType<string, string | DeflateOnStore, string>;
  payload_encoding: ColumnType<PayloadEncoding, PayloadEncoding | undefined, PayloadEncoding>;
  received_at: Timestamp;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  key: string;
  delivery_id: string | null;
  /** JSON text; the queue does not look inside. */
  data: string | null;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  run_at: Timestamp;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Date | null;
  /** Unique when set: the same follow-up work queued twice is stored once (migration 011). */
  dedupe_key: string | null;
}

export interface SchedulesTable {
  name: string;
  next_run_at: Timestamp;
  locked_by: string | null;
  locked_until: Date | null;
  last_run_at: Date | null;
  last_error: string | null;
  /** JSON text owned by the scheduled task (a cursor, a watermark). */
  state: string | null;
}

export interface RedeliveryRequestsTable {
  /** The delivery GUID GitHub was asked to send again. */
  guid: string;
  requested_at: Timestamp;
  attempts: number;
  last_status: string | null;
}

export interface RepoConfigsTable {
  repository: string;
  /** The validated config as JSON text. */
  config: string;
  validated_at: Timestamp;
}

export interface OwnerPingsTable {
  /** `owner/name`, lower-cased. */
  repository: string;
  issue_number: number;
  /** Lower-cased login. */
  login: string;
  pinged_at: Timestamp;
  /** The delivery whose `/notify-owners` pinged them. */
  delivery_id: string;
  /** Whether that delivery's comment is known to be posted (only posted pings start a cool-down). */
  posted: ColumnType<boolean, boolean | undefined, boolean>;
}

/** One completed CI run (release or not), as the release tracker normalised it (`JobRun`). */
export interface JobRunsTable {
  id: Generated<number>;
  /** The run's identity across signals and redeliveries: `prow:<build id>`, `actions:<repo>:<run>:<attempt>`, ... */
  run_id: string;
  tracking_key: string;
  /** The signal that first reported it: `status`, `check_run`, `check_suite`, `workflow_run`, `workflow_job`, `prowjob`. */
  source: string;
  /** `prow`, `actions`, `checks` or `statuses`. */
  system: string;
  /** `owner/name` as GitHub spells it. */
  repository: string;
  job: string;
  /** `postsubmit`, `periodic`, `presubmit`, `push`, `tag`, `schedule`, ... or `unknown`. */
  job_type: string;
  release: boolean;
  sha: string | null;
  ref: string | null;
  default_branch: string | null;
  /** `success`, `failure`, `error`, `aborted`, `neutral`, or `pending` (a stage known before the run ended). */
  state: string;
  url: string | null;
  build_id: string | null;
  stage: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  delivery_id: string;
  /** When the tracker recorded the run, and again each time it finished anew under the same id. */
  recorded_at: Timestamp;
  /** When the tracker acted on the run; a redelivery of an applied run does nothing. */
  applied_at: Date | null;
}

/** One row per tracking key: the tracker's state and the current (or last) tracking issue. */
export interface TrackingIssuesTable {
  tracking_key: string;
  repository: string;
  job: string;
  /** JSON text of the tracker's `TrackerState`. */
  state: string;
  version: ColumnType<number, number | undefined, number>;
  issue_repository: string | null;
  issue_number: number | null;
  /** The run whose GitHub actions are in flight (a lease), and since when. */
  claimed_by: string | null;
  claimed_at: Date | null;
  muted: ColumnType<boolean, boolean | undefined, boolean>;
  acked_by: string | null;
  snoozed_until: Date | null;
  human_action_at: Date | null;
  human_closed_at: Date | null;
  updated_at: Timestamp;
}

/** One failure episode that opened a tracking issue, with its MTTD and time to recovery. */
export interface TrackingEpisodesTable {
  tracking_key: string;
  first_failure_run_id: string;
  first_failure_at: Date | null;
  issue_repository: string | null;
  issue_number: number | null;
  opened_at: Date | null;
  mttd_seconds: number | null;
  ended_at: Date | null;
  /** `recovery` (Sheriff closed it) or `human` (a person closed it, then the job recovered). */
  ended_by: string | null;
  fixing_sha: string | null;
  time_to_recovery_seconds: number | null;
}

/** The approve plugin's state of one open pull request (see migration 005). */
export interface ApprovalStatesTable {
  /** `owner/name`, lower-cased. */
  repository: string;
  pr_number: number;
  author: string;
  base_ref: string;
  head_sha: string;
  /** JSON array of the changed paths at `head_sha`. */
  files: string;
  /** JSON array of approval events (comments, reviews), oldest first. */
  events: string;
  /** The issue the PR body references (Prow's `issue_required`), if any. */
  associated_issue: number | null;
  /** Who added the `approved` label by hand, while it stays on. */
  manually_approved_by: string | null;
  /** Whether the `approved` label is on, as last written or seen. */
  label_on: boolean;
  notifier_comment_id: number | null;
  /** The notifier text last written, so an unchanged one is not edited again. */
  notifier_body: string | null;
  updated_at: Timestamp;
}

/** The trigger plugin's view of one open pull request (see migration 006). */
export interface TriggerPullStatesTable {
  /** `owner/name`, lower-cased. */
  repository: string;
  pr_number: number;
  /** The head SHA the PR's events have shown so far. */
  seen_head_sha: string | null;
  /** The head SHA a trusted person cleared with `/ok-to-test` (or the label). */
  granted_head_sha: string | null;
  granted_by: string | null;
  updated_at: Timestamp;
}

/** One re-run `/retest-release` asked for (see migration 007). */
export interface ReleaseRerunsTable {
  id: Generated<number>;
  /** The delivery of the comment that asked: with `run_id`, unique. */
  request_id: string;
  /** `owner/name` of the job's repository, as GitHub spells it. */
  repository: string;
  job: string;
  /** The failed run re-run (`job_runs.run_id`). */
  run_id: string;
  tracking_key: string | null;
  /** `actions`, `check-suite`, `check-run`, `gangway` or `dispatch`. */
  backend: string;
  requested_by: string;
  /** Where it was asked: `owner/name#number`. */
  context: string;
  /** `queued` (not sent yet), `started` (the backend accepted it), `failed` (it did not, for good). */
  state: string;
  /** The backend's answer: a status and message, a Gangway execution id. */
  detail: string | null;
  /** Where to follow the new run, when known. */
  url: string | null;
  requested_at: Timestamp;
  /** When the backend answered (accepted or refused for good). */
  finished_at: Date | null;
  /** When the retry was recorded on the tracking issue and published (a retried job does it once). */
  recorded_at: Date | null;
}

/** Sent-log of the notify plugin (see migration 010): a message id sent to a destination once. */
export interface NotifySentTable {
  /** A notice id, `<tracking key>#<episode>/reminder/<n>`, or `digest/<day>`. */
  message_id: string;
  /** `slack:<channel>`, `slack-webhook`, or `webhook:<target name>`. */
  destination: string;
  sent_at: Timestamp;
}

/** The Slack message rooting one tracking issue's thread, per channel (see migration 010). */
export interface NotifySlackThreadsTable {
  tracking_key: string;
  episode: string;
  /** The channel as configured (`#lambda`, or an id). */
  channel: string;
  /** The channel id Slack answered with (`chat.update` needs the id). */
  channel_id: string;
  /** Slack's message timestamp: replies and edits address the root message by it. */
  ts: string;
  job: string;
  resolved: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

/** An open, un-acked critical issue's next Slack reminder (see migration 010). */
export interface NotifyRemindersTable {
  tracking_key: string;
  episode: string;
  /** `slack:<channel>` (a reply in the thread) or `slack-webhook`. */
  destination: string;
  job: string;
  /** The Slack group mention (`<!subteam^ID>`), if the area has one. */
  mention: string | null;
  issue_url: string | null;
  interval_ms: ColumnType<number, number, number>;
  next_at: Timestamp;
  /** Reminders sent so far: the next one's number, for its sent-log id. */
  sent: ColumnType<number, number | undefined, number>;
}

/** Info-severity news waiting for its destination's daily digest (see migration 010). */
export interface NotifyDigestItemsTable {
  destination: string;
  notice_id: string;
  /** The digest line (Slack mrkdwn). */
  line: string;
  /** When the digest that carries it is due. */
  due_at: Timestamp;
  /** The digest that sent it; null while pending. */
  digest_id: string | null;
  created_at: Timestamp;
}

/** A storm: an org's burst of release-job failures with one umbrella issue (see migration 009). */
export interface ReleaseStormsTable {
  id: Generated<number>;
  /** Lower-cased; at most one unresolved storm per org. */
  org: string;
  /** The job repository whose config opened it (it routes the storm's notices). */
  repository: string;
  issue_repository: string;
  issue_number: number | null;
  /** The earliest member failure, by the run's own time. */
  started_at: Date;
  opened_at: Timestamp;
  resolved_at: Date | null;
}

/** A job listed by a storm (see migration 009). */
export interface ReleaseStormMembersTable {
  storm_id: number;
  tracking_key: string;
  repository: string;
  job: string;
  joined_at: Timestamp;
  /** The job's own issue has been told it is part of the umbrella. */
  linked: ColumnType<boolean, boolean | undefined, boolean>;
}

/** A job's notice held back while a storm may form (see migration 009). */
export interface HeldNoticesTable {
  id: Generated<number>;
  org: string;
  tracking_key: string;
  /** The ReleaseNotice as JSON. */
  notice: string;
  release_at: Date;
  held_at: Timestamp;
}

/** When a freshness rule first watched a job (see migration 008). */
export interface FreshnessWatchesTable {
  /** `owner/name`, lower-cased. */
  repository: string;
  job: string;
  first_seen_at: Date;
}

/** A watched version marker's last content and since when it has not changed (see migration 008). */
export interface FreshnessMarkersTable {
  /** `owner/name` of the repository whose rule watches it, lower-cased. */
  repository: string;
  url: string;
  /** null until a fetch succeeded. */
  content_sha256: string | null;
  /** The first KiB of the content, for the issue text. */
  content: string | null;
  changed_at: Date;
  checked_at: Date;
  /** The HTTP status of the last fetch (null when it did not get an answer). */
  last_status: number | null;
  last_error: string | null;
}

/** One "exceeded its progress deadline" warning of a canary that did not roll back (see migration 008). */
export interface FlaggerDeadlineWarningsTable {
  delivery_id: string;
  /** `cluster/namespace/name`. */
  canary: string;
  checksum: string;
  phase: string;
  seen_at: Date;
}

export interface Database {
  deliveries: DeliveriesTable;
  jobs: JobsTable;
  schedules: SchedulesTable;
  redelivery_requests: RedeliveryRequestsTable;
  repo_configs: RepoConfigsTable;
  owner_pings: OwnerPingsTable;
  job_runs: JobRunsTable;
  tracking_issues: TrackingIssuesTable;
  tracking_episodes: TrackingEpisodesTable;
  approval_states: ApprovalStatesTable;
  trigger_pull_states: TriggerPullStatesTable;
  release_reruns: ReleaseRerunsTable;
  notify_sent: NotifySentTable;
  notify_slack_threads: NotifySlackThreadsTable;
  notify_reminders: NotifyRemindersTable;
  notify_digest_items: NotifyDigestItemsTable;
  release_storms: ReleaseStormsTable;
  release_storm_members: ReleaseStormMembersTable;
  held_notices: HeldNoticesTable;
  freshness_watches: FreshnessWatchesTable;
  freshness_markers: FreshnessMarkersTable;
  flagger_deadline_warnings: FlaggerDeadlineWarningsTable;
}

/** A stored delivery as readers see it: `payload` is the JSON text, whatever its encoding on disk. */
export type DeliveryRow = Omit<Selectable<DeliveriesTable>, 'payload_encoding'>;
/** A delivery to store; `payload` is the JSON text (the store picks its encoding). */
export type NewDelivery = Omit<Insertable<DeliveriesTable>, 'payload_encoding' | 'payload'> & {
  payload: string;
};
export type JobRow = Selectable<JobsTable>;
