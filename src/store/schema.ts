import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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
  /** The body exactly as received, so a replay sees the same bytes the signature covered. */
  payload: string;
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

export interface Database {
  deliveries: DeliveriesTable;
  jobs: JobsTable;
  schedules: SchedulesTable;
  redelivery_requests: RedeliveryRequestsTable;
  repo_configs: RepoConfigsTable;
  owner_pings: OwnerPingsTable;
}

export type DeliveryRow = Selectable<DeliveriesTable>;
export type NewDelivery = Insertable<DeliveriesTable>;
export type JobRow = Selectable<JobsTable>;
