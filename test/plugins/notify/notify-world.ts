import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import notify from '../../../plugins/notify/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import releaseTracker from '../../../plugins/release-tracker/index.js';
import type { WorldInput } from '../../../src/github-double/world-schema.js';
import type { PluginDefinition } from '../../../src/plugins/plugin-definition.js';
import type { StoreBackend } from '../../../src/store/open-store.js';
import { startWorld, type WorldHarness } from '../../support/github-world.js';
import { startSlackDouble, type SlackDouble } from '../../support/slack-double.js';
import { WORLD_FIXTURE_SECRET } from '../../support/webhook-examples.js';
import { COMMUNITY, CONTROLLER, TRACKER_WORLD } from '../release-tracker/tracker-world.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

export const TRACKER_AND_NOTIFY: readonly PluginDefinition[] = [
  releaseTracker as unknown as PluginDefinition,
  notify as unknown as PluginDefinition,
];

export const WEBHOOK_SECRETS = { '/jira': 'jira-hmac-key', '/pager': 'pager-hmac-key' };

/**
 * ACK's controller (tracker-world.ts) with Slack routing: lambda is critical, posts to #lambda,
 * and its group is mentioned; the tracker reminds on the 2nd failure.
 */
export function controllerConfig(notifySection: string): string {
  return `
areas:
  lambda:
    paths: ["**"]
    jobs: [post-lambda-controller-release]
    owners:
      approvers: [ana-lambda]
    severity: critical
    slack: "#lambda"
plugins:
  release-tracker:
    issueRepo: ${COMMUNITY}
    remindAt: [2]
  notify:
${notifySection
  .trim()
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
`;
}

export const DEFAULT_NOTIFY = `
slack:
  channel: "#releases"
  groups: {lambda: S0LAMBDA01}
  reminderInterval: 1h
webhooks:
  - target: jira
`;

export interface NotifyWorld {
  harness: WorldHarness;
  slack: SlackDouble;
  receiver: WebhookReceiver;
  /** Every log line Sheriff wrote (debug level), to check that no secret is in them. */
  logs: string[];
  /** The credentials of this world: none may appear in a log line. */
  secrets: string[];
  /** Moves Sheriff's clock (schedules: reminders, digests) by `ms` from real time. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** The real Sheriff (tracker + notify) against the GitHub double, a Slack double and a webhook receiver, all over loopback. */
export async function startNotifyWorld(
  backend: StoreBackend,
  options: { notify?: string; slackMode?: 'bot' | 'webhook'; targets?: Array<'jira' | 'pager'> } = {},
): Promise<NotifyWorld> {
  const slack = await startSlackDouble();
  const receiver = await startWebhookReceiver(WEBHOOK_SECRETS);
  const dir = mkdtempSync(join(tmpdir(), 'sheriff-notify-'));
  const targetsFile = join(dir, 'outgoing-webhooks.yaml');
  writeFileSync(
    targetsFile,
    (options.targets ?? ['jira', 'pager'])
      .map(
        (name) =>
          `- {name: ${name}, url: "${receiver.url}/${name}", secretEnv: ${name.toUpperCase()}_HMAC}\n`,
      )
      .join(''),
  );
  const world: WorldInput = {
    ...TRACKER_WORLD,
    repos: {
      ...TRACKER_WORLD.repos,
      [CONTROLLER]: {
        ...TRACKER_WORLD.repos![CONTROLLER]!,
        files: {
          ...TRACKER_WORLD.repos![CONTROLLER]!.files,
          '.github/sheriff.yml': controllerConfig(options.notify ?? DEFAULT_NOTIFY),
        },
      },
    },
  };
  let offset = 0;
  const logs: string[] = [];
  const log = createLogger('debug', { write: (line: string) => logs.push(line) });
  const slackEnv: Record<string, string> =
    options.slackMode === 'webhook'
      ? { SLACK_WEBHOOK_URL: slack.webhookUrl }
      : { SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.apiUrl };
  const harness = await startWorld(backend, world, {
    env: {
      WEBHOOK_SECRETS: WORLD_FIXTURE_SECRET,
      ...slackEnv,
      OUTGOING_WEBHOOKS_FILE: targetsFile,
      JIRA_HMAC: WEBHOOK_SECRETS['/jira'],
      PAGER_HMAC: WEBHOOK_SECRETS['/pager'],
    },
    extra: { plugins: TRACKER_AND_NOTIFY, clock: () => new Date(Date.now() + offset), log },
  });
  return {
    harness,
    slack,
    receiver,
    logs,
    secrets: [slack.token, slack.webhookUrl, receiver.url, ...Object.values(WEBHOOK_SECRETS)],
    advance: (ms) => {
      offset += ms;
    },
    close: async () => {
      await harness.close();
      await slack.close();
      await receiver.close();
    },
  };
}
