import { nextDigestAt, planNotice, type PlanInput } from '../../../plugins/notify/plan-notice.js';
import type { NoticeKind } from '../../../src/notifications/release-notice.js';
import { aNotice, aNotifyConfig, someAreas } from './notice-builders.js';

const BOT = { bot: true, webhook: false };
const input = (overrides: Partial<PlanInput> = {}): PlanInput => ({
  notice: aNotice('opened'),
  config: aNotifyConfig(),
  areas: someAreas(),
  slack: BOT,
  targets: new Set(),
  ...overrides,
});

describe('planNotice', () => {
  describe('severity tiers', () => {
    it('posts a critical opening at once to the area channel, mentioning the area group, and starts reminders', () => {
      const plan = planNotice(input());
      expect(plan.severity).toBe('critical');
      expect(plan.slack).toEqual({
        type: 'root',
        destination: { mode: 'bot', channel: '#lambda' },
        mention: '<!subteam^S0LAMBDA01>',
      });
      expect(plan.reminder).toEqual({
        type: 'start',
        destination: { mode: 'bot', channel: '#lambda' },
        intervalMs: 4 * 3_600_000,
        nextAt: new Date('2025-05-14T21:20:00.000Z'),
        mention: '<!subteam^S0LAMBDA01>',
      });
    });

    it('posts a warning at once without a mention or reminders', () => {
      const plan = planNotice(input({ notice: aNotice('opened', { severity: 'warning' }) }));
      expect(plan.slack).toEqual({
        type: 'root',
        destination: { mode: 'bot', channel: '#lambda' },
        mention: null,
      });
      expect(plan.reminder).toBeNull();
    });

    it('holds info news for the daily digest, due at the next digest time', () => {
      const plan = planNotice(input({ notice: aNotice('opened', { severity: 'info' }) }));
      expect(plan.slack).toEqual({
        type: 'digest',
        destination: { mode: 'bot', channel: '#lambda' },
        dueAt: new Date('2025-05-15T09:00:00.000Z'),
      });
    });

    it('lets plugins.notify.severities override the area per job, first match winning', () => {
      const config = aNotifyConfig({
        severities: [
          { jobs: ['post-*-release'], severity: 'info' },
          { jobs: ['post-lambda-controller-release'], severity: 'warning' },
        ],
      });
      expect(planNotice(input({ config })).severity).toBe('info');
    });

    it('sends nothing to Slack below the subscriber minimum severity, like a Flagger alert provider', () => {
      const config = aNotifyConfig({ slack: { minSeverity: 'critical' } });
      const plan = planNotice(input({ config, notice: aNotice('opened', { severity: 'warning' }) }));
      expect(plan.slack).toBeNull();
      expect(plan.skipped).toBe('below the minimum severity (warning)');
    });
  });

  describe('threads', () => {
    it.each<[NoticeKind, string]>([
      ['opened', 'root'],
      ['escalated', 'reply'],
      ['stage-changed', 'reply'],
      ['updated', 'reply'],
      ['retried', 'reply'],
      ['acknowledged', 'reply'],
      ['snoozed', 'reply'],
      ['resolved', 'resolve'],
      ['storm-opened', 'root'],
      ['storm-updated', 'reply'],
      ['storm-resolved', 'resolve'],
    ])('%s is a %s', (kind, type) => {
      expect(planNotice(input({ notice: aNotice(kind) })).slack?.type).toBe(type);
    });

    it('mentions the group again on an escalation, not on other replies', () => {
      expect(planNotice(input({ notice: aNotice('escalated') })).slack).toMatchObject({
        mention: '<!subteam^S0LAMBDA01>',
      });
      expect(planNotice(input({ notice: aNotice('stage-changed') })).slack).toMatchObject({ mention: null });
    });
  });

  describe('routing', () => {
    it('uses the default channel for a job with no area, or an area without a channel', () => {
      expect(planNotice(input({ notice: aNotice('opened', { area: null }) })).slack).toMatchObject({
        destination: { mode: 'bot', channel: '#releases' },
      });
      expect(planNotice(input({ notice: aNotice('opened', { area: 's3' }) })).slack).toMatchObject({
        destination: { mode: 'bot', channel: '#releases' },
      });
    });

    it('sends no Slack message when neither the area nor the config names a channel', () => {
      const config = aNotifyConfig({ slack: { channel: undefined } });
      const plan = planNotice(input({ config, notice: aNotice('opened', { area: 's3' }) }));
      expect(plan.slack).toBeNull();
      expect(plan.skipped).toBe('no Slack destination or webhook');
    });

    it('uses the incoming webhook, one message per change, when there is no bot token', () => {
      const plan = planNotice(input({ slack: { bot: false, webhook: true }, notice: aNotice('resolved') }));
      expect(plan.slack).toEqual({ type: 'resolve', destination: { mode: 'webhook' }, mention: null });
    });
  });

  describe('reminders', () => {
    it('stops on /ack and on recovery, and waits out a snooze', () => {
      expect(
        planNotice(input({ notice: aNotice('acknowledged', { actor: 'kai-release' }) })).reminder,
      ).toEqual({
        type: 'stop',
      });
      expect(planNotice(input({ notice: aNotice('resolved') })).reminder).toEqual({ type: 'stop' });
      const snoozed = aNotice('snoozed', { actor: 'kai-release', snoozedUntil: '2025-05-15T17:20:00.000Z' });
      expect(planNotice(input({ notice: snoozed })).reminder).toEqual({
        type: 'defer',
        until: new Date('2025-05-15T17:20:00.000Z'),
      });
    });

    it('starts none when the repository turns them off', () => {
      const config = aNotifyConfig({ slack: { reminders: false } });
      expect(planNotice(input({ config })).reminder).toBeNull();
    });
  });

  describe('storms', () => {
    it('sends nothing for a member notice folded into an umbrella', () => {
      const notice = aNotice('opened', {
        umbrella: {
          repository: 'example-ack/community',
          number: 9,
          url: 'https://github.com/example-ack/community/issues/9',
        },
      });
      const plan = planNotice(
        input({
          notice,
          targets: new Set(['jira']),
          config: aNotifyConfig({ webhooks: [{ target: 'jira' }] }),
        }),
      );
      expect(plan).toMatchObject({
        slack: null,
        reminder: null,
        webhooks: [],
        skipped: 'folded into a storm umbrella',
      });
    });

    it('still stops the reminders of a member whose issue opened before the storm', () => {
      const umbrella = {
        repository: 'example-ack/community',
        number: 9,
        url: 'https://github.com/example-ack/community/issues/9',
      };
      expect(planNotice(input({ notice: aNotice('resolved', { umbrella }) }))).toEqual({
        severity: 'critical',
        slack: null,
        reminder: { type: 'stop' },
        webhooks: [],
      });
    });
  });

  describe('outgoing webhooks', () => {
    const config = aNotifyConfig({
      webhooks: [
        { target: 'jira', events: ['opened', 'resolved'] },
        { target: 'pager', minSeverity: 'critical' },
        { target: 'unknown' },
      ],
    });
    const targets = new Set(['jira', 'pager']);

    it('sends to configured targets that want the kind and severity', () => {
      expect(planNotice(input({ config, targets })).webhooks).toEqual(['jira', 'pager']);
      expect(planNotice(input({ config, targets, notice: aNotice('retried') })).webhooks).toEqual(['pager']);
      expect(
        planNotice(input({ config, targets, notice: aNotice('opened', { severity: 'warning' }) })).webhooks,
      ).toEqual(['jira']);
    });
  });
});

describe('nextDigestAt', () => {
  it('is the next HH:MM UTC strictly after the news', () => {
    expect(nextDigestAt(new Date('2025-05-14T08:59:00Z'), '09:00')).toEqual(new Date('2025-05-14T09:00:00Z'));
    expect(nextDigestAt(new Date('2025-05-14T09:00:00Z'), '09:00')).toEqual(new Date('2025-05-15T09:00:00Z'));
    expect(nextDigestAt(new Date('2025-12-31T23:30:00Z'), '07:15')).toEqual(new Date('2026-01-01T07:15:00Z'));
  });
});
