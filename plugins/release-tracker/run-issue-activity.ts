import { lexCommands } from '../../src/commands/lex-commands.js';
import { isBotLogin } from '../../src/permissions/github-login.js';
import type { EventContext } from '../../src/plugins/plugin-definition.js';
import { TRACKER_COMMANDS } from './decide-tracker-commands.js';
import type { ReleaseTrackerConfig } from './release-tracker-config.js';
import { TrackerStore } from './tracker-store.js';

interface IssueActivityPayload {
  action?: string;
  issue?: { number?: number; pull_request?: unknown };
  comment?: { body?: string | null };
  repository?: { full_name?: string };
  sender?: { login?: string; type?: string };
}

/**
 * Records what people do on a current tracking issue, for the decision: a person's comment or
 * reopen is a human action (the next failure is then worth a comment); a person's close is
 * noted. Tracker commands are not activity (`/ack` must not make the next failure comment).
 * Sheriff's own and other Apps' activity is ignored. No GitHub request.
 */
export async function runIssueActivity(context: EventContext<ReleaseTrackerConfig>): Promise<void> {
  const { event } = context;
  const payload = event.payload as IssueActivityPayload;
  const number = payload.issue?.number;
  const repository = payload.repository?.full_name;
  const sender = payload.sender;
  if (number === undefined || !repository || payload.issue?.pull_request) return;
  if (!sender?.login || sender.type === 'Bot' || isBotLogin(sender.login)) return;

  const wanted =
    event.name === 'issues'
      ? event.action === 'closed' || event.action === 'reopened'
      : event.action === 'created' && !carriesTrackerCommand(payload.comment?.body);
  if (!wanted) return;
  const store = new TrackerStore(context.store);
  const tracked = await store.findByIssue(repository, number);
  if (!tracked?.current) return;

  const now = context.clock();
  if (event.name === 'issues' && event.action === 'closed') {
    await store.setMarks(tracked.key, { human_closed_at: now });
  } else if (event.name === 'issues') {
    await store.setMarks(tracked.key, { human_closed_at: null, human_action_at: now });
  } else {
    await store.setMarks(tracked.key, { human_action_at: now });
  }
  context.log.info(
    { key: tracked.key, event: event.name, action: event.action },
    'human activity on a tracking issue',
  );
}

function carriesTrackerCommand(body: string | null | undefined): boolean {
  const words: readonly string[] = TRACKER_COMMANDS;
  return lexCommands(body ?? '').some((command) => words.includes(command.normalizedName));
}
