import type { CommitStatusRecord, RepoRecord } from '../double-state.js';
import { validationFailed } from '../github-error.js';
import { combinedState, latestPerContext, renderCommitStatus } from '../render/commit-status.js';
import { renderRepository } from '../render/repository.js';
import { resolveRef } from './git-refs.js';
import { bodyOf, requireRepo } from './lookups.js';
import { paginate } from './pagination.js';
import type { RouteContext, RouteTable } from './route-types.js';

/** GitHub refuses longer descriptions; Prow's crier trims to fit, so the double must enforce it. */
const MAX_DESCRIPTION = 140;

/** A `ref` path parameter names a branch or a SHA; statuses are stored by SHA. */
function shaOf(repo: RepoRecord, ref: string): string {
  return resolveRef(repo, ref)?.sha ?? ref;
}

function statusesFor(repo: RepoRecord, sha: string): CommitStatusRecord[] {
  return repo.statuses.filter((status) => status.sha === sha);
}

/** Commit statuses (what Prow's crier posts): create, list, combined. */
export const commitStatusRoutes: RouteTable = {
  'repos/create-commit-status': (context) => {
    const repo = requireRepo(context);
    const body = bodyOf<{
      state: CommitStatusRecord['state'];
      target_url: string;
      description: string;
      context: string;
    }>(context);
    if ((body.description ?? '').length > MAX_DESCRIPTION) {
      throw validationFailed(context.docs, [
        {
          resource: 'Status',
          code: 'custom',
          field: 'description',
          message: `description is too long (maximum is ${MAX_DESCRIPTION} characters)`,
        },
      ]);
    }
    const now = context.state.now;
    const status: CommitStatusRecord = {
      id: context.state.ids.take('status'),
      sha: String(context.params.sha),
      context: body.context ?? 'default',
      state: body.state!,
      targetUrl: body.target_url ?? null,
      description: body.description ?? null,
      creator: context.actor,
      createdAt: now,
      updatedAt: now,
    };
    repo.statuses.push(status);
    return { status: 201, body: renderCommitStatus(context.state, repo, status, context.links) };
  },

  'repos/list-commit-statuses-for-ref': (context) => {
    const repo = requireRepo(context);
    const newestFirst = statusesFor(repo, shaOf(repo, String(context.params.ref))).reverse();
    const page = paginate(context, newestFirst);
    return {
      status: 200,
      body: page.items.map((status) => renderCommitStatus(context.state, repo, status, context.links)),
      headers: page.headers,
    };
  },

  'repos/get-combined-status-for-ref': (context: RouteContext) => {
    const repo = requireRepo(context);
    const sha = shaOf(repo, String(context.params.ref));
    const latest = latestPerContext(statusesFor(repo, sha));
    const page = paginate(context, latest);
    const api = `${context.links.api}/repos/${repo.fullName}`;
    return {
      status: 200,
      body: {
        state: combinedState(latest),
        statuses: page.items.map((status) => renderCommitStatus(context.state, repo, status, context.links)),
        sha,
        total_count: latest.length,
        repository: renderRepository(context.state, repo, context.links),
        commit_url: `${api}/commits/${sha}`,
        url: `${api}/commits/${sha}/status`,
      },
      headers: page.headers,
    };
  },
};
