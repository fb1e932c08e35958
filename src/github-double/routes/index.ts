import { assigneeRoutes } from './assignees.js';
import { checkRoutes } from './checks.js';
import { collaboratorRoutes } from './collaborators.js';
import { commitStatusRoutes } from './commit-statuses.js';
import { contentRoutes } from './contents.js';
import { gitRoutes } from './git.js';
import { hookDeliveryRoutes } from './hook-deliveries.js';
import { installationRoutes } from './installations.js';
import { issueCommentRoutes } from './issue-comments.js';
import { issueRoutes } from './issues.js';
import { labelRoutes } from './labels.js';
import { orgRoutes } from './orgs.js';
import { pullRoutes } from './pulls.js';
import { rateLimitRoutes } from './rate-limit.js';
import { repositoryRoutes } from './repos.js';
import type { RouteTable } from './route-types.js';
import { searchRoutes } from './search.js';
import { workflowRunRoutes } from './workflow-runs.js';

/**
 * Every operation the double implements, keyed by GitHub operationId. The OpenAPI subset generator
 * reads the keys, so adding a handler here (and regenerating) is all it takes to serve a new route.
 */
export const routeHandlers: RouteTable = {
  ...issueRoutes,
  ...issueCommentRoutes,
  ...labelRoutes,
  ...assigneeRoutes,
  ...pullRoutes,
  ...collaboratorRoutes,
  ...orgRoutes,
  ...repositoryRoutes,
  ...contentRoutes,
  ...gitRoutes,
  ...commitStatusRoutes,
  ...checkRoutes,
  ...workflowRunRoutes,
  ...installationRoutes,
  ...hookDeliveryRoutes,
  ...searchRoutes,
  ...rateLimitRoutes,
};

/** The implemented operationIds, sorted. */
export const implementedOperationIds: readonly string[] = Object.keys(routeHandlers).sort();
