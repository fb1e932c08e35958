import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNotificationSettings } from '../../../src/notifications/notification-settings.js';

describe('notification settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sheriff-notify-settings-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads Slack credentials from the environment or files, with Slack as the default API', () => {
    const settings = readNotificationSettings({
      SLACK_BOT_TOKEN_FILE: file('bot-token', 'xoxb-from-file\n'),
      SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/secret',
    });
    expect(settings.slack).toEqual({
      botToken: 'xoxb-from-file',
      webhookUrl: 'https://hooks.slack.com/services/T/B/secret',
      apiUrl: 'https://slack.com/api/',
    });
    expect(settings.outgoing).toEqual([]);
  });

  it('reads outgoing webhook targets from OUTGOING_WEBHOOKS_FILE (YAML), secrets from a file or a variable', () => {
    const secretFile = file('jira-secret', 'jira-hmac-key\n');
    const targets = file(
      'targets.yaml',
      `- name: jira\n  url: https://bridge.example.com/sheriff\n  secretFile: ${secretFile}\n` +
        '- {name: pager, url: "https://pager.example.com/hook?token=abc", secretEnv: PAGER_HMAC}\n',
    );
    const settings = readNotificationSettings({ OUTGOING_WEBHOOKS_FILE: targets, PAGER_HMAC: 'pager-key' });
    expect(settings.outgoing).toEqual([
      { name: 'jira', url: 'https://bridge.example.com/sheriff', secret: 'jira-hmac-key' },
      { name: 'pager', url: 'https://pager.example.com/hook?token=abc', secret: 'pager-key' },
    ]);
  });

  it('reads a JSON list too', () => {
    const targets = file(
      'targets.json',
      JSON.stringify([{ name: 'a', url: 'http://127.0.0.1:9/x', secretEnv: 'A' }]),
    );
    expect(readNotificationSettings({ OUTGOING_WEBHOOKS_FILE: targets, A: 'k' }).outgoing).toHaveLength(1);
  });

  it('names the file and the entry of a bad target, without its URL', () => {
    const targets = file(
      'bad.yaml',
      '- {name: ok, url: "https://a.example.com/?token=topsecret", secretEnv: A}\n- {name: Bad Name, url: "ftp://x"}\n',
    );
    let message = '';
    try {
      readNotificationSettings({ OUTGOING_WEBHOOKS_FILE: targets, A: 'k' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`OUTGOING_WEBHOOKS_FILE ${targets}: [1.name] must be lower-case`);
    expect(message).toContain('[1.url] must be an http(s) URL');
    expect(message).toContain('[1] needs exactly one of secretFile or secretEnv');
    expect(message).not.toContain('topsecret');
  });

  it('refuses a target whose secret is unset, and a name used twice', () => {
    const unset = file('unset.yaml', '- {name: jira, url: "https://a.example.com/", secretEnv: MISSING}\n');
    expect(() => readNotificationSettings({ OUTGOING_WEBHOOKS_FILE: unset })).toThrow(
      `OUTGOING_WEBHOOKS_FILE ${unset}: [0] (jira): the secret ($MISSING) is empty or unset`,
    );
    const twice = file(
      'twice.yaml',
      '- {name: jira, url: "https://a.example.com/", secretEnv: A}\n- {name: jira, url: "https://b.example.com/", secretEnv: A}\n',
    );
    expect(() => readNotificationSettings({ OUTGOING_WEBHOOKS_FILE: twice, A: 'k' })).toThrow(
      '[1] (jira): the name is used twice',
    );
  });

  it('says which file cannot be parsed', () => {
    const broken = file('broken.yaml', '- {name: [\n');
    expect(() => readNotificationSettings({ OUTGOING_WEBHOOKS_FILE: broken })).toThrow(
      `OUTGOING_WEBHOOKS_FILE ${broken}:`,
    );
  });
});
