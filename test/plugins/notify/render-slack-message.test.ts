import {
  renderDigest,
  renderNoticeMessage,
  renderReminder,
  renderThreadReply,
} from '../../../plugins/notify/render-slack-message.js';
import { aNotice, ISSUE_URL } from './notice-builders.js';

const LOGS =
  'https://prow.example-ack.dev/view/s3/example-ack-prow-logs/logs/post-lambda-controller-release/1922716371049082880';

describe('Slack messages', () => {
  it('gives a new issue a header, the job, area, stage, severity and failure count as fields, and the links', () => {
    const message = renderNoticeMessage(
      aNotice('opened', { stage: 'image push' }),
      'critical',
      '<!subteam^S0LAMBDA01>',
    );
    expect(message.blocks).toEqual([
      {
        type: 'header',
        text: { type: 'plain_text', text: ':rotating_light: Release job failing', emoji: true },
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '<!subteam^S0LAMBDA01> *post-lambda-controller-release is failing*' },
        fields: [
          { type: 'mrkdwn', text: '*Job*\n`post-lambda-controller-release`' },
          { type: 'mrkdwn', text: '*Repository*\nexample-ack/lambda-controller' },
          { type: 'mrkdwn', text: '*Area*\nlambda' },
          { type: 'mrkdwn', text: '*Severity*\ncritical' },
          { type: 'mrkdwn', text: '*Stage*\nimage push' },
          { type: 'mrkdwn', text: '*Failures*\n1' },
        ],
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `<${ISSUE_URL}|example-ack/community#1> · <${LOGS}|logs>` }],
      },
    ]);
    expect(message.text).toBe(
      `<!subteam^S0LAMBDA01> [critical] post-lambda-controller-release is failing (area lambda, stage image push, 1 failure) ${ISSUE_URL}`,
    );
  });

  it('escapes Slack markup in job names and summaries', () => {
    const notice = aNotice('opened', {
      job: 'publish <lambda> & co',
      summary: 'publish <lambda> & co is failing',
    });
    const section = renderNoticeMessage(notice, 'warning', null).blocks[1] as { text: { text: string } };
    expect(section.text.text).toBe('*publish &lt;lambda&gt; &amp; co is failing*');
  });

  it('replies in a thread with one line, who acted, and the links', () => {
    const reply = renderThreadReply(
      aNotice('acknowledged', {
        actor: 'kai-release',
        summary: 'kai-release is on post-lambda-controller-release',
        failures: 3,
      }),
      'critical',
      null,
    );
    expect(reply.blocks).toEqual([
      {
        type: 'section',
        text: { type: 'mrkdwn', text: ':raising_hand: kai-release is on post-lambda-controller-release' },
      },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `3 failures · <${ISSUE_URL}|example-ack/community#1> · <${LOGS}|logs>` },
        ],
      },
    ]);
  });

  it('renders a storm as one message listing its members', () => {
    const members = Array.from({ length: 30 }, (_, i) => ({
      repository: 'example-ack/lambda-controller',
      job: `post-controller-${i}-release`,
      issue: null,
    }));
    const message = renderNoticeMessage(
      aNotice('storm-opened', { members, summary: '30 release jobs are failing in example-ack' }),
      'critical',
      null,
    );
    expect(message.text).toBe(`[critical] 30 release jobs are failing in example-ack (30 jobs) ${ISSUE_URL}`);
    const list = (message.blocks[2] as { text: { text: string } }).text.text.split('\n');
    expect(list).toHaveLength(16);
    expect(list[0]).toBe('• `post-controller-0-release` (example-ack/lambda-controller)');
    expect(list[15]).toBe('… and 15 more');
  });

  it('reminds with the mention and how to stop it', () => {
    const reminder = renderReminder({
      job: 'post-lambda-controller-release',
      mention: '<!subteam^S0LAMBDA01>',
      issueUrl: ISSUE_URL,
      count: 2,
    });
    expect(reminder.blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          ':alarm_clock: <!subteam^S0LAMBDA01> Reminder 2: `post-lambda-controller-release` is still failing and nobody has acknowledged it. ' +
          `Comment \`/ack\` on <${ISSUE_URL}|the tracking issue> to take it, or \`/snooze 4h\`.`,
      },
    });
  });

  it('splits a long digest into sections under Slack’s 3000-character limit, keeping every line', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(80)}`);
    const digest = renderDigest(lines, '2025-05-15');
    expect(digest.text).toBe('Release digest 2025-05-15: 100 updates');
    const sections = digest.blocks.slice(1) as Array<{ text: { text: string } }>;
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) expect(section.text.text.length).toBeLessThanOrEqual(3000);
    expect(sections.flatMap((section) => section.text.text.split('\n'))).toEqual(
      lines.map((line) => `• ${line}`),
    );
  });
});
