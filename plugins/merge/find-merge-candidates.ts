/** Why the merge plugin looks at a PR, read from one webhook without any request. */
export type MergeCandidates =
  /** These PRs, with the labels the webhook carried (a cheap first check). */
  | { readonly kind: 'pulls'; readonly pulls: ReadonlyArray<{ number: number; labels?: readonly string[] }> }
  /** The open PRs whose head is this SHA (a status, or a check of a fork's PR). */
  | { readonly kind: 'head'; readonly sha: string }
  | { readonly kind: 'none' };

/** PR actions that can make a PR mergeable. */
const PULL_ACTIONS = new Set([
  'opened',
  'reopened',
  'synchronize',
  'labeled',
  'unlabeled',
  'ready_for_review',
]);
const PASSED = new Set(['success', 'neutral', 'skipped']);

interface Payload {
  action?: string;
  state?: string;
  sha?: string;
  pull_request?: { number: number; labels?: Array<{ name?: string }> };
  check_run?: Completed;
  check_suite?: Completed;
  workflow_run?: Completed;
}

interface Completed {
  status?: string | null;
  conclusion?: string | null;
  head_sha?: string;
  pull_requests?: Array<{ number: number }> | null;
}

/**
 * Which PRs an event may have made mergeable: the PR of a label change, push or review-ready
 * event; the PRs of a passed check run, check suite or workflow run (or, when GitHub lists none,
 * as for forks, the open PRs with that head); the open PRs whose head got a success status. A
 * failure or a pending check cannot make anything mergeable, so it names none.
 *
 * @example
 * findMergeCandidates('status', { state: 'success', sha: 'abc123' }); // { kind: 'head', sha: 'abc123' }
 */
export function findMergeCandidates(event: string, payload: unknown): MergeCandidates {
  const body = payload as Payload;
  switch (event) {
    case 'pull_request': {
      const pull = body.pull_request;
      if (!pull || !PULL_ACTIONS.has(body.action ?? '')) return { kind: 'none' };
      const labels = (pull.labels ?? []).flatMap((label) => (label.name ? [label.name] : []));
      return { kind: 'pulls', pulls: [{ number: pull.number, labels }] };
    }
    case 'status':
      return body.state === 'success' && body.sha ? { kind: 'head', sha: body.sha } : { kind: 'none' };
    case 'check_run':
    case 'check_suite':
    case 'workflow_run': {
      const check = body[event];
      if (body.action !== 'completed' || !check || !PASSED.has(check.conclusion ?? ''))
        return { kind: 'none' };
      const pulls = check.pull_requests ?? [];
      if (pulls.length > 0) return { kind: 'pulls', pulls: pulls.map((pull) => ({ number: pull.number })) };
      return check.head_sha ? { kind: 'head', sha: check.head_sha } : { kind: 'none' };
    }
    default:
      return { kind: 'none' };
  }
}
