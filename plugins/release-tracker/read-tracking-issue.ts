import type { GitHubClient } from '../../src/github/github-app.js';
import type { TrackingIssueRef } from './tracker-state.js';
import { trackingKeyIn } from './tracking-marker.js';

/** A tracking issue as GitHub shows it now. */
export interface IssueSnapshot {
  readonly state: 'open' | 'closed';
  /** Null for a deleted or transferred issue (it reads as closed: a person removed it). */
  readonly body: string | null;
}

/**
 * Reads the tracked issue: its state (did a person close it?) and its body (the status block is
 * spliced into it). A deleted or transferred issue (404, 410) reads as closed.
 *
 * @example
 * await readTrackingIssue(github, { repository: 'example-ack/community', number: 2311 });
 * // { state: 'open', body: '<!-- sheriff:tracking v1 key=... -->\n...' }
 */
export async function readTrackingIssue(
  github: GitHubClient,
  issue: TrackingIssueRef,
): Promise<IssueSnapshot> {
  const [owner, repo] = splitRepository(issue.repository);
  try {
    const { data } = await github.rest.issues.get({ owner, repo, issue_number: issue.number });
    return { state: data.state === 'closed' ? 'closed' : 'open', body: data.body ?? '' };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 410) return { state: 'closed', body: null };
    throw error;
  }
}

/**
 * The open issue carrying this key's marker, if any, found by listing the open issues with the
 * Sheriff label (consistent at once, unlike search): after a crash between creating the issue
 * and recording it, the retry adopts it instead of opening a second one.
 *
 * @example
 * await findMarkedIssue(github, 'example-ack/community', key, 'sheriff/tracking');
 * // { number: 2311, body: '<!-- sheriff:tracking v1 key=... -->...' }
 */
export async function findMarkedIssue(
  github: GitHubClient,
  repository: string,
  key: string,
  sheriffLabel: string,
): Promise<{ number: number; body: string } | undefined> {
  const [owner, repo] = splitRepository(repository);
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    owner,
    repo,
    state: 'open',
    labels: sheriffLabel,
    per_page: 100,
  });
  const found = issues.find((issue) => !issue.pull_request && trackingKeyIn(issue.body) === key);
  return found ? { number: found.number, body: found.body ?? '' } : undefined;
}

/** `owner/name` → `[owner, name]`. */
export function splitRepository(repository: string): [string, string] {
  const [owner = '', repo = ''] = repository.split('/');
  return [owner, repo];
}
