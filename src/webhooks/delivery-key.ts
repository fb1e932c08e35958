/**
 * The ordering key of the work a GitHub event starts. Work with the same key runs one at a time,
 * in arrival order, across all replicas; different keys run in parallel.
 *
 * An issue or PR is one key, so comments and label changes on it apply in order. A job's
 * reports (statuses, check runs, workflow runs) are keyed by repository and job name, so a
 * failure and the recovery that follows cannot overtake each other.
 */
export function keyForGitHubEvent(event: string, payload: GitHubPayload): string {
  const repo =
    payload.repository?.full_name?.toLowerCase() ?? payload.organization?.login?.toLowerCase() ?? '-';
  const number = payload.issue?.number ?? payload.pull_request?.number ?? payload.number;
  switch (event) {
    case 'issues':
    case 'issue_comment':
    case 'pull_request':
    case 'pull_request_review':
    case 'pull_request_review_comment':
    case 'pull_request_review_thread':
      return number === undefined ? `${repo}` : `${repo}#${number}`;
    case 'status':
      return `${repo}:job:${payload.context ?? ''}`;
    case 'check_run':
      return `${repo}:job:${payload.check_run?.name ?? ''}`;
    case 'check_suite':
      return `${repo}:suite:${payload.check_suite?.app?.slug ?? ''}`;
    case 'workflow_run':
      return `${repo}:workflow:${payload.workflow_run?.name ?? ''}`;
    case 'workflow_job':
      return `${repo}:workflow:${payload.workflow_job?.workflow_name ?? ''}`;
    case 'push':
    case 'create':
    case 'delete':
      return `${repo}:ref:${payload.ref ?? ''}`;
    default:
      return repo;
  }
}

/** The few payload fields the key and the delivery record read; the rest stays opaque here. */
export interface GitHubPayload {
  action?: string;
  number?: number;
  ref?: string;
  context?: string;
  installation?: { id?: number };
  repository?: { full_name?: string };
  organization?: { login?: string };
  issue?: { number?: number };
  pull_request?: { number?: number };
  check_run?: { name?: string };
  check_suite?: { app?: { slug?: string } };
  workflow_run?: { name?: string };
  workflow_job?: { workflow_name?: string };
}
