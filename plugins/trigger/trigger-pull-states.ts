import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';

/** What the trigger plugin remembers of one pull request. */
export interface TriggerPullState {
  /** The head SHA the PR's events have shown so far: the commit a commenter could have seen. */
  seenHeadSha: string | null;
  /** The head SHA a trusted person cleared with `/ok-to-test` (or by adding the label). */
  grantedHeadSha: string | null;
}

/**
 * Table `trigger_pull_states`. Work on one PR is serialised by the job queue (one key per PR),
 * so updates never race; each method is one statement.
 */
export class TriggerPullStates {
  constructor(private readonly db: Kysely<Database>) {}

  async get(repository: string, number: number): Promise<TriggerPullState | undefined> {
    const row = await this.db
      .selectFrom('trigger_pull_states')
      .select(['seen_head_sha', 'granted_head_sha'])
      .where('repository', '=', repository.toLowerCase())
      .where('pr_number', '=', number)
      .executeTakeFirst();
    return row ? { seenHeadSha: row.seen_head_sha, grantedHeadSha: row.granted_head_sha } : undefined;
  }

  /** Records the head a PR event (or a fresh read) showed. */
  async seeHead(repository: string, number: number, headSha: string): Promise<void> {
    await this.upsert(repository, number, { seen_head_sha: headSha });
  }

  /** Clears `headSha` for testing (and notes it as seen). */
  async grant(repository: string, number: number, headSha: string, grantedBy: string): Promise<void> {
    await this.upsert(repository, number, {
      seen_head_sha: headSha,
      granted_head_sha: headSha,
      granted_by: grantedBy,
    });
  }

  async revoke(repository: string, number: number): Promise<void> {
    await this.upsert(repository, number, { granted_head_sha: null, granted_by: null });
  }

  /** Forgets a closed PR. */
  async delete(repository: string, number: number): Promise<void> {
    await this.db
      .deleteFrom('trigger_pull_states')
      .where('repository', '=', repository.toLowerCase())
      .where('pr_number', '=', number)
      .execute();
  }

  private async upsert(
    repository: string,
    number: number,
    values: { seen_head_sha?: string; granted_head_sha?: string | null; granted_by?: string | null },
  ): Promise<void> {
    const changes = { ...values, updated_at: new Date() };
    await this.db
      .insertInto('trigger_pull_states')
      .values({ repository: repository.toLowerCase(), pr_number: number, ...changes })
      .onConflict((conflict) => conflict.columns(['repository', 'pr_number']).doUpdateSet(changes))
      .execute();
  }
}
