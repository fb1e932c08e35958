import { refreshSuite, suiteFor } from '../check-suites.js';
import type {
  CheckRunRecord,
  CheckSuiteRecord,
  RepoRecord,
  RunConclusion,
  RunStatus,
} from '../double-state.js';
import { notFound, validationFailed } from '../github-error.js';
import { renderCheckRun, renderCheckSuite } from '../render/check.js';
import { resolveRef } from './git-refs.js';
import { bodyOf, requireRepo } from './lookups.js';
import { paginate } from './pagination.js';
import type { RouteContext, RouteTable } from './route-types.js';

interface CheckRunWrite {
  name: string;
  head_sha: string;
  details_url: string;
  external_id: string;
  status: RunStatus;
  conclusion: RunConclusion;
  started_at: string;
  completed_at: string;
  output: { title?: string; summary?: string; text?: string };
}

function requireCheckRun(context: RouteContext, repo: RepoRecord): CheckRunRecord {
  const run = repo.checkRuns.get(Number(context.params.check_run_id));
  if (!run) throw notFound(context.docs);
  return run;
}

function requireSuite(context: RouteContext, repo: RepoRecord): CheckSuiteRecord {
  const suite = repo.checkSuites.get(Number(context.params.check_suite_id));
  if (!suite) throw notFound(context.docs);
  return suite;
}

/** GitHub's rules: a conclusion completes the run; a completed run needs a conclusion. */
function applyWrite(context: RouteContext, run: CheckRunRecord, body: Partial<CheckRunWrite>): void {
  if (body.name !== undefined) run.name = body.name;
  if (body.details_url !== undefined) run.detailsUrl = body.details_url;
  if (body.external_id !== undefined) run.externalId = body.external_id;
  if (body.started_at !== undefined) run.startedAt = new Date(body.started_at);
  if (body.status !== undefined) run.status = body.status;
  if (body.conclusion !== undefined) {
    run.conclusion = body.conclusion;
    run.status = 'completed';
  }
  if (run.status === 'completed' && run.conclusion === null) {
    throw validationFailed(context.docs, [
      { resource: 'CheckRun', code: 'missing_field', field: 'conclusion', message: 'conclusion is required' },
    ]);
  }
  if (run.status === 'completed') {
    run.completedAt =
      body.completed_at !== undefined ? new Date(body.completed_at) : (run.completedAt ?? context.state.now);
  }
  if (body.output) {
    run.output = {
      title: body.output.title ?? run.output.title,
      summary: body.output.summary ?? run.output.summary,
      text: body.output.text ?? run.output.text,
    };
  }
}

function listResult<T>(context: RouteContext, key: string, items: T[], render: (item: T) => unknown) {
  const page = paginate(context, items);
  return {
    status: 200,
    body: { total_count: items.length, [key]: page.items.map(render) },
    headers: page.headers,
  };
}

function filterRuns(context: RouteContext, runs: CheckRunRecord[]): CheckRunRecord[] {
  let selected = runs;
  if (typeof context.query.check_name === 'string')
    selected = selected.filter((run) => run.name === context.query.check_name);
  if (typeof context.query.status === 'string')
    selected = selected.filter((run) => run.status === context.query.status);
  if (context.query.filter !== 'all') {
    const latest = new Map<string, CheckRunRecord>();
    for (const run of selected) latest.set(run.name, run);
    selected = [...latest.values()];
  }
  return selected.sort((a, b) => b.id - a.id);
}

/** Check runs and check suites of the double's App. */
export const checkRoutes: RouteTable = {
  'checks/create': (context) => {
    const repo = requireRepo(context);
    const body = bodyOf<CheckRunWrite>(context);
    const suite = suiteFor(repo, body.head_sha!, null, context.state);
    const run: CheckRunRecord = {
      id: context.state.ids.take('check-run'),
      suiteId: suite.id,
      headSha: body.head_sha!,
      name: body.name!,
      status: 'queued',
      conclusion: null,
      externalId: null,
      detailsUrl: null,
      startedAt: context.state.now,
      completedAt: null,
      output: { title: null, summary: null, text: null },
    };
    applyWrite(context, run, body);
    repo.checkRuns.set(run.id, run);
    refreshSuite(repo, suite);
    suite.updatedAt = context.state.now;
    return { status: 201, body: renderCheckRun(context.state, repo, run, context.links) };
  },

  'checks/update': (context) => {
    const repo = requireRepo(context);
    const run = requireCheckRun(context, repo);
    applyWrite(context, run, bodyOf<CheckRunWrite>(context));
    const suite = repo.checkSuites.get(run.suiteId);
    if (suite) refreshSuite(repo, suite);
    return { status: 200, body: renderCheckRun(context.state, repo, run, context.links) };
  },

  'checks/get': (context) => {
    const repo = requireRepo(context);
    return {
      status: 200,
      body: renderCheckRun(context.state, repo, requireCheckRun(context, repo), context.links),
    };
  },

  'checks/list-for-ref': (context) => {
    const repo = requireRepo(context);
    const ref = String(context.params.ref);
    const sha = resolveRef(repo, ref)?.sha ?? ref;
    const runs = filterRuns(
      context,
      [...repo.checkRuns.values()].filter((run) => run.headSha === sha),
    );
    return listResult(context, 'check_runs', runs, (run) =>
      renderCheckRun(context.state, repo, run, context.links),
    );
  },

  'checks/list-for-suite': (context) => {
    const repo = requireRepo(context);
    const suite = requireSuite(context, repo);
    const runs = filterRuns(
      context,
      [...repo.checkRuns.values()].filter((run) => run.suiteId === suite.id),
    );
    return listResult(context, 'check_runs', runs, (run) =>
      renderCheckRun(context.state, repo, run, context.links),
    );
  },

  // GitHub resets the suite (queued, no conclusion) and sends `check_run.rerequested`; the run itself stays.
  'checks/rerequest-run': (context) => {
    const repo = requireRepo(context);
    const run = requireCheckRun(context, repo);
    const suite = repo.checkSuites.get(run.suiteId);
    if (suite) Object.assign(suite, { status: 'queued', conclusion: null, updatedAt: context.state.now });
    repo.reruns.push({ kind: 'check-run', id: run.id, enableDebugLogging: false, at: context.state.now });
    return { status: 201, body: {} };
  },

  'checks/create-suite': (context) => {
    const repo = requireRepo(context);
    const headSha = String(bodyOf<{ head_sha: string }>(context).head_sha);
    const existing = [...repo.checkSuites.values()].find((suite) => suite.headSha === headSha);
    const suite = existing ?? suiteFor(repo, headSha, null, context.state);
    return {
      status: existing ? 200 : 201,
      body: renderCheckSuite(context.state, repo, suite, context.links),
    };
  },

  'checks/get-suite': (context) => {
    const repo = requireRepo(context);
    return {
      status: 200,
      body: renderCheckSuite(context.state, repo, requireSuite(context, repo), context.links),
    };
  },

  'checks/list-suites-for-ref': (context) => {
    const repo = requireRepo(context);
    const ref = String(context.params.ref);
    const sha = resolveRef(repo, ref)?.sha ?? ref;
    const suites = [...repo.checkSuites.values()].filter((suite) => suite.headSha === sha);
    return listResult(context, 'check_suites', suites, (suite) =>
      renderCheckSuite(context.state, repo, suite, context.links),
    );
  },

  'checks/rerequest-suite': (context) => {
    const repo = requireRepo(context);
    const suite = requireSuite(context, repo);
    Object.assign(suite, { status: 'queued', conclusion: null, updatedAt: context.state.now });
    repo.reruns.push({ kind: 'check-suite', id: suite.id, enableDebugLogging: false, at: context.state.now });
    return { status: 201, body: {} };
  },
};
