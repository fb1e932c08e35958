import { readFileSync } from 'node:fs';
import { areasConfigSchema } from '../../src/areas/service-area-schema.js';
import { readOwnersDir } from '../../src/owners/read-owners-dir.js';
import type { OwnersIndex } from '../../src/owners/owners-index.js';
import { sharedFixturePath } from '../support/webhook-examples.js';

/** The shared owners-monorepo fixture: services/{lambda,s3,rds,ec2,iam} with `service/<name>` labels. */
export const OWNERS_MONOREPO = sharedFixturePath('world', 'owners-monorepo');

export async function ownersMonorepoIndex(): Promise<OwnersIndex> {
  const read = await readOwnersDir(OWNERS_MONOREPO);
  if (!read.ok) throw new Error(read.error);
  return read.index;
}

export interface ExpectedRoutingCase {
  path: string;
  service_area: string | null;
  leaf_approvers: string[];
  owners_files: string[];
}

export function expectedRouting(): ExpectedRoutingCase[] {
  const file = JSON.parse(readFileSync(`${OWNERS_MONOREPO}/expected-routing.json`, 'utf8')) as {
    cases: ExpectedRoutingCase[];
  };
  return file.cases;
}

/**
 * Areas as an ACK-like config writes them: lambda's owners come from config (every ACK controller
 * OWNERS names only core-ack-team), prow is an area with no directory of its own, helm cuts
 * across services.
 */
export const ACK_AREAS = areasConfigSchema.parse({
  lambda: {
    jobs: ['post-lambda-controller-release', 'publish (lambda, *)'],
    owners: { mode: 'override', approvers: ['@example-ack/lambda-team', 'Ana-Lambda'] },
    slack: '#lambda-alerts',
    severity: 'critical',
  },
  prow: {
    labels: ['area/prow'],
    paths: ['.github/workflows/**', 'prow/**'],
    jobs: ['/^(pull|post|periodic)-.+-release$/'],
    owners: { approvers: ['release-oncall'] },
  },
  helm: { paths: ['services/*/helm/**', '!services/iam/**'], severity: 'info' },
});
