import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';

/** One issue or PR: `repository` is `owner/name`. */
export interface PingedIssue {
  repository: string;
  number: number;
}

/**
 * Who `/notify-owners` pinged on which issue (table `owner_pings`). A delivery writes its rows
 * before posting and marks them posted after, so a retried delivery posts its comment once, and
 * only posted pings start a cool-down.
 */
export class OwnerPingLog {
  constructor(private readonly db: Kysely<Database>) {}

  /** Whether this delivery's notification is already posted (a retry must not post it again). */
  async postedBy(deliveryId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('owner_pings')
      .select('login')
      .where('delivery_id', '=', deliveryId)
      .where('posted', '=', true)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Lower-cased login → last posted ping on the issue at or after `since`, for the given logins.
   * Rows of `deliveryId` itself do not count: they are an earlier attempt of this very command.
   */
  async pingedSince(
    issue: PingedIssue,
    logins: readonly string[],
    since: Date,
    deliveryId: string,
  ): Promise<Map<string, Date>> {
    if (logins.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('owner_pings')
      .select(['login', 'pinged_at'])
      .where('repository', '=', issue.repository.toLowerCase())
      .where('issue_number', '=', issue.number)
      .where(
        'login',
        'in',
        logins.map((login) => login.toLowerCase()),
      )
      .where('posted', '=', true)
      .where('pinged_at', '>=', since)
      .where('delivery_id', '<>', deliveryId)
      .execute();
    return new Map(rows.map((row) => [row.login, new Date(row.pinged_at)]));
  }

  /** Records pings about to be posted (not yet counting for the cool-down). */
  async recordPending(
    issue: PingedIssue,
    logins: readonly string[],
    at: Date,
    deliveryId: string,
  ): Promise<void> {
    if (logins.length === 0) return;
    await this.db
      .insertInto('owner_pings')
      .values(
        logins.map((login) => ({
          repository: issue.repository.toLowerCase(),
          issue_number: issue.number,
          login: login.toLowerCase(),
          pinged_at: at,
          delivery_id: deliveryId,
          posted: false,
        })),
      )
      .onConflict((conflict) =>
        conflict
          .columns(['repository', 'issue_number', 'login'])
          .doUpdateSet({ pinged_at: at, delivery_id: deliveryId, posted: false }),
      )
      .execute();
  }

  /** Marks the delivery's pings posted: from now on they hold off further pings. */
  async markPosted(deliveryId: string): Promise<void> {
    await this.db
      .updateTable('owner_pings')
      .set({ posted: true })
      .where('delivery_id', '=', deliveryId)
      .execute();
  }
}
