import { type NotifyConfig, notifyConfigSchema } from '../../../plugins/notify/notify-config.js';
import type { AreasConfig } from '../../../src/areas/service-area-schema.js';
import { areasConfigSchema } from '../../../src/areas/service-area-schema.js';
import type { NoticeKind, ReleaseNotice } from '../../../src/notifications/release-notice.js';

export const KEY = 'example-ack/lambda-controller/post-lambda-controller-release';
export const EPISODE = 'prow:post-lambda-controller-release:1922716371049082880';
export const ISSUE_URL = 'https://github.com/example-ack/community/issues/1';

/** A notice of the shared story's job (ACK's lambda controller, Prow postsubmit), as the tracker publishes it. */
export function aNotice(kind: NoticeKind, overrides: Partial<ReleaseNotice> = {}): ReleaseNotice {
  return {
    id: `${KEY}#${EPISODE}/${kind}/0`,
    kind,
    trackingKey: KEY,
    episode: EPISODE,
    repository: 'example-ack/lambda-controller',
    job: 'post-lambda-controller-release',
    area: 'lambda',
    severity: 'critical',
    stage: null,
    failures: kind === 'resolved' ? 0 : 1,
    issue: { repository: 'example-ack/community', number: 1, url: ISSUE_URL },
    logsUrl:
      'https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/post-lambda-controller-release/1922716371049082880',
    owners: ['ana-lambda', 'kai-release'],
    summary:
      kind === 'resolved'
        ? 'post-lambda-controller-release recovered'
        : 'post-lambda-controller-release is failing',
    at: '2025-05-14T17:20:00.000Z',
    ...overrides,
  };
}

/** `plugins.notify` as a repository writes it, validated (defaults filled in). */
export function aNotifyConfig(input: Record<string, unknown> = {}): NotifyConfig {
  return notifyConfigSchema.parse({
    slack: { channel: '#releases', groups: { lambda: 'S0LAMBDA01' }, ...((input.slack as object) ?? {}) },
    ...Object.fromEntries(Object.entries(input).filter(([key]) => key !== 'slack')),
  });
}

/** ACK's areas: lambda is critical and has its own channel. */
export function someAreas(input: Record<string, unknown> = {}): AreasConfig {
  return areasConfigSchema.parse({
    lambda: { jobs: ['post-lambda-controller-release'], severity: 'critical', slack: '#lambda' },
    s3: { jobs: ['post-s3-controller-release'], severity: 'warning' },
    ...input,
  });
}
