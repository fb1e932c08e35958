import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';
import type { ApprovalEvent } from './approval-events.js';

/** The approve plugin's record of one open pull request (table `approval_states`). */
export interface ApprovalRecord {
  /** `owner/name`, lower-cased. */
  repository: string;
  number: number;
  author: string;
  baseRef: string;
  headSha: string;
  files: string[];
  events: ApprovalEvent[];
  associatedIssue: number | null;
  manuallyApprovedBy: string | null;
  labelOn: boolean;
  notifierCommentId: number | null;
  notifierBody: string | null;
}

/**
 * Reads and writes approval records. Work on one PR is serialised by the job queue (one key per
 * PR, across replicas), so a read-modify-write here never races another one.
 */
export class ApprovalStateStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(repository: string, number: number): Promise<ApprovalRecord | undefined> {
    const row = await this.db
      .selectFrom('approval_states')
      .selectAll()
      .where('repository', '=', repository.toLowerCase())
      .where('pr_number', '=', number)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      repository: row.repository,
      number: row.pr_number,
      author: row.author,
      baseRef: row.base_ref,
      headSha: row.head_sha,
      files: JSON.parse(row.files) as string[],
      events: JSON.parse(row.events) as ApprovalEvent[],
      associatedIssue: row.associated_issue,
      manuallyApprovedBy: row.manually_approved_by,
      labelOn: row.label_on,
      notifierCommentId: row.notifier_comment_id === null ? null : Number(row.notifier_comment_id),
      notifierBody: row.notifier_body,
    };
  }

  async save(record: ApprovalRecord): Promise<void> {
    const values = {
      author: record.author,
      base_ref: record.baseRef,
      head_sha: record.headSha,
      files: JSON.stringify(record.files),
      events: JSON.stringify(record.events),
      associated_issue: record.associatedIssue,
      manually_approved_by: record.manuallyApprovedBy,
      label_on: record.labelOn,
      notifier_comment_id: record.notifierCommentId,
      notifier_body: record.notifierBody,
      updated_at: new Date(),
    };
    await this.db
      .insertInto('approval_states')
      .values({ repository: record.repository.toLowerCase(), pr_number: record.number, ...values })
      .onConflict((conflict) => conflict.columns(['repository', 'pr_number']).doUpdateSet(values))
      .execute();
  }

  /** Forgets a PR (it closed); a reopened PR is rebuilt from GitHub. */
  async delete(repository: string, number: number): Promise<void> {
    await this.db
      .deleteFrom('approval_states')
      .where('repository', '=', repository.toLowerCase())
      .where('pr_number', '=', number)
      .execute();
  }
}
