import type { GitHubClient } from '../github/github-app.js';
import type { GangwayClient } from '../prow/gangway-client.js';
import { type ActionsRerunMode, ActionsRerunBackend } from './actions-backend.js';
import { CheckRerunBackend } from './check-suite-backend.js';
import { DispatchRerunBackend } from './dispatch-backend.js';
import { GangwayRerunBackend, gangwayRequestOf } from './gangway-backend.js';
import type { RerunBackend, RerunBackendName, RerunTarget } from './rerun-backend.js';

export interface BackendChoiceOptions {
  /** Whether Gangway is configured (`GANGWAY_URL`). */
  gangway: boolean;
  /** The job is one config sends to `repository_dispatch` whatever ran it. */
  dispatchJob: boolean;
  /** Use `repository_dispatch` for runs no other backend can re-run. */
  dispatchFallback: boolean;
}

export type BackendChoice = { backend: RerunBackendName } | { backend: null; reason: string };

/**
 * Which backend re-runs a stored run, pure: the run's source decides (an Actions run, a check
 * suite or run, a Prow build), `repository_dispatch` when config names the job, or as the
 * fallback when it is switched on; otherwise why the run cannot be re-run.
 *
 * @example
 * chooseBackend({ ...target, system: 'actions', source: 'workflow_run' }, options); // { backend: 'actions' }
 * chooseBackend({ ...target, system: 'statuses', source: 'status' }, { ...options, dispatchFallback: false });
 * // { backend: null, reason: 'it was reported by a commit status only, ...' }
 */
export function chooseBackend(target: RerunTarget, options: BackendChoiceOptions): BackendChoice {
  if (options.dispatchJob) return { backend: 'dispatch' };
  const fallback = (reason: string): BackendChoice =>
    options.dispatchFallback ? { backend: 'dispatch' } : { backend: null, reason };
  switch (target.system) {
    case 'actions':
      return { backend: 'actions' };
    case 'checks':
      return { backend: target.source === 'check_run' ? 'check-run' : 'check-suite' };
    case 'prow': {
      if (!options.gangway) return fallback('Gangway is not configured here (`GANGWAY_URL`)');
      const request = gangwayRequestOf(target);
      return request.ok ? { backend: 'gangway' } : fallback(`Gangway cannot re-run it: ${request.reason}`);
    }
    default:
      return fallback(
        'it was reported by a commit status only and Sheriff knows no way to start it (see `plugins.retest-release.dispatch`)',
      );
  }
}

export interface BackendServices {
  /** An installation client for the job's repository. */
  github: GitHubClient;
  gangway: GangwayClient | undefined;
  actionsMode: ActionsRerunMode;
  dispatchEventType: string;
}

/** The backend named, ready to use. */
export function createBackend(name: RerunBackendName, services: BackendServices): RerunBackend {
  switch (name) {
    case 'actions':
      return new ActionsRerunBackend(services.github, services.actionsMode);
    case 'check-suite':
    case 'check-run':
      return new CheckRerunBackend(services.github, name);
    case 'gangway':
      if (!services.gangway) throw new Error('the gangway backend needs GANGWAY_URL');
      return new GangwayRerunBackend(services.gangway);
    case 'dispatch':
      return new DispatchRerunBackend(services.github, services.dispatchEventType);
  }
}
