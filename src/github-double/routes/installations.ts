import type { DoubleState, InstallationRecord, RepoRecord } from '../double-state.js';
import { notFound } from '../github-error.js';
import { syntheticSha } from '../identity.js';
import { APP_PERMISSIONS, renderApp, renderInstallation } from '../render/app.js';
import { renderRepository } from '../render/repository.js';
import { isoTime } from '../render/timestamps.js';
import { bodyOf, requireRepo } from './lookups.js';
import { pageResult } from './pagination.js';
import type { RouteContext, RouteTable } from './route-types.js';

/** Installation tokens last an hour on GitHub. */
const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

function covers(installation: InstallationRecord, repo: RepoRecord): boolean {
  if (installation.account.toLowerCase() !== repo.owner.toLowerCase()) return false;
  return (
    installation.repositories === 'all' ||
    installation.repositories.some((name) => name.toLowerCase() === repo.fullName.toLowerCase())
  );
}

function reposOf(state: DoubleState, installation: InstallationRecord): RepoRecord[] {
  return [...state.repos.values()].filter((repo) => covers(installation, repo));
}

function requireInstallation(context: RouteContext): InstallationRecord {
  const id = Number(context.params.installation_id);
  const installation = context.state.installations.find((candidate) => candidate.id === id);
  if (!installation) throw notFound(context.docs);
  return installation;
}

/** The App and its installations, and installation access tokens (fake, but remembered). */
export const installationRoutes: RouteTable = {
  'apps/get-authenticated': (context) => ({ status: 200, body: renderApp(context.state, context.links) }),

  'apps/list-installations': (context) =>
    pageResult(context, context.state.installations, (installation) =>
      renderInstallation(context.state, installation, context.links),
    ),

  'apps/get-installation': (context) => ({
    status: 200,
    body: renderInstallation(context.state, requireInstallation(context), context.links),
  }),

  'apps/get-repo-installation': (context) => {
    const repo = requireRepo(context);
    const installation = context.state.installations.find((candidate) => covers(candidate, repo));
    if (!installation) throw notFound(context.docs);
    return { status: 200, body: renderInstallation(context.state, installation, context.links) };
  },

  'apps/get-org-installation': (context) => {
    const org = String(context.params.org).toLowerCase();
    const installation = context.state.installations.find(
      (candidate) => candidate.account.toLowerCase() === org,
    );
    if (!installation) throw notFound(context.docs);
    return { status: 200, body: renderInstallation(context.state, installation, context.links) };
  },

  'apps/create-installation-access-token': (context) => {
    const installation = requireInstallation(context);
    const body = bodyOf<{ repositories: string[]; permissions: Record<string, string> }>(context);
    const token = `ghs_${syntheticSha('installation-token', installation.id, context.state.tokens.size).slice(0, 36)}`;
    const expiresAt = new Date(context.state.now.getTime() + TOKEN_LIFETIME_MS);
    context.state.tokens.set(token, { installationId: installation.id, expiresAt });
    const selected = body.repositories
      ? reposOf(context.state, installation).filter((repo) =>
          body.repositories!.some((name) => name.toLowerCase() === repo.name.toLowerCase()),
        )
      : undefined;
    return {
      status: 201,
      body: {
        token,
        expires_at: isoTime(expiresAt),
        permissions: body.permissions ?? APP_PERMISSIONS,
        repository_selection: installation.repositories === 'all' && !selected ? 'all' : 'selected',
        ...(selected
          ? { repositories: selected.map((repo) => renderRepository(context.state, repo, context.links)) }
          : {}),
      },
    };
  },
};
