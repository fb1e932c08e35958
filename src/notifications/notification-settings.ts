import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { readSecret } from '../settings/read-secret.js';

/** One operator-defined outgoing webhook: repositories refer to it by name, never by URL or secret. */
export interface OutgoingWebhookTarget {
  name: string;
  url: string;
  /** HMAC-SHA256 key for the signature header. Secret: never logged. */
  secret: string;
}

/**
 * Where notifications may go, from the environment only: tokens and webhook URLs are secrets, so
 * a repository's `.github/sheriff.yml` can choose channels and severities but never a destination
 * credential.
 */
export interface NotificationSettings {
  slack: {
    /** `SLACK_BOT_TOKEN(_FILE)`: threads, edits, mentions (chat.postMessage / chat.update). */
    botToken?: string;
    /** `SLACK_WEBHOOK_URL(_FILE)`: an incoming webhook, one message per state change. */
    webhookUrl?: string;
    /** `SLACK_API_URL`: Slack's Web API base (a local Slack double in tests). */
    apiUrl: string;
  };
  outgoing: OutgoingWebhookTarget[];
}

/**
 * Reads the notification settings (see `NotificationSettings`); throws naming a bad variable.
 * Outgoing webhook targets come from `OUTGOING_WEBHOOKS_FILE` (see `readOutgoingWebhookTargets`).
 */
export function readNotificationSettings(
  env: Readonly<Record<string, string | undefined>>,
): NotificationSettings {
  const botToken = readSecret(env, 'SLACK_BOT_TOKEN');
  const webhookUrl = readSecret(env, 'SLACK_WEBHOOK_URL');
  return {
    slack: {
      ...(botToken ? { botToken } : {}),
      ...(webhookUrl ? { webhookUrl } : {}),
      apiUrl: env.SLACK_API_URL?.trim() || 'https://slack.com/api/',
    },
    outgoing: env.OUTGOING_WEBHOOKS_FILE ? readOutgoingWebhookTargets(env, env.OUTGOING_WEBHOOKS_FILE) : [],
  };
}

const targetSchema = z
  .strictObject({
    name: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9_-]*$/,
        'must be lower-case letters, digits, - and _ (repositories refer to it)',
      ),
    url: z
      .string()
      .url()
      .refine((url) => /^https?:\/\//.test(url), 'must be an http(s) URL'),
    secretFile: z.string().min(1).optional(),
    secretEnv: z.string().min(1).optional(),
  })
  .refine((target) => Boolean(target.secretFile) !== Boolean(target.secretEnv), {
    message:
      'needs exactly one of secretFile or secretEnv (the HMAC key; outgoing webhooks are always signed)',
  });

/**
 * The outgoing webhook targets listed in `file` (YAML or JSON: a list of
 * `{name, url, secretFile | secretEnv}`). Errors name the file and the entry, never a URL or
 * secret (a URL may carry a token).
 *
 * @example
 * // OUTGOING_WEBHOOKS_FILE=/etc/sheriff/webhooks.yaml
 * // - {name: jira, url: "https://bridge.example/sheriff", secretEnv: JIRA_HMAC}
 * readOutgoingWebhookTargets(process.env, process.env.OUTGOING_WEBHOOKS_FILE);
 */
export function readOutgoingWebhookTargets(
  env: Readonly<Record<string, string | undefined>>,
  file: string,
): OutgoingWebhookTarget[] {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`OUTGOING_WEBHOOKS_FILE ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const list = z.array(targetSchema).safeParse(parsed ?? []);
  if (!list.success) {
    const problems = list.error.issues.map((issue) => `[${issue.path.join('.')}] ${issue.message}`);
    throw new Error(`OUTGOING_WEBHOOKS_FILE ${file}: ${problems.join('; ')}`);
  }
  const seen = new Set<string>();
  return list.data.map((target, index) => {
    const where = `OUTGOING_WEBHOOKS_FILE ${file}: [${index}] (${target.name})`;
    if (seen.has(target.name)) throw new Error(`${where}: the name is used twice`);
    seen.add(target.name);
    const secret = target.secretFile
      ? readSecretFile(target.secretFile, where)
      : env[target.secretEnv!]?.trim();
    if (!secret)
      throw new Error(
        `${where}: the secret (${target.secretFile ? 'secretFile' : `$${target.secretEnv}`}) is empty or unset`,
      );
    return { name: target.name, url: target.url, secret };
  });
}

function readSecretFile(path: string, where: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new Error(`${where}: cannot read secretFile: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
