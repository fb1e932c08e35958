import { SlackSender } from '../../../plugins/notify/slack-sender.js';
import { PermanentJobError, RetryLaterError } from '../../../src/pipeline/job-errors.js';
import { type SlackDouble, startSlackDouble } from '../../support/slack-double.js';

const MESSAGE = { text: 'post-lambda-controller-release is failing', blocks: [] };

describe('SlackSender against the Slack double', () => {
  let slack: SlackDouble;
  beforeEach(async () => {
    slack = await startSlackDouble();
  });
  afterEach(async () => {
    await slack.close();
  });

  const sender = (botToken: string | undefined, webhookUrl?: string) =>
    new SlackSender({
      settings: {
        slack: {
          ...(botToken ? { botToken } : {}),
          ...(webhookUrl ? { webhookUrl } : {}),
          apiUrl: slack.apiUrl,
        },
        outgoing: [],
      },
      slackRetries: 0,
    });
  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a failure');
  };

  it('posts, replies in the thread, and edits the root', async () => {
    const client = sender(slack.token);
    const root = await client.post('#lambda', MESSAGE);
    await client.post(root.channel, { ...MESSAGE, text: 'reply' }, root.ts);
    await client.update(root.channel, root.ts, { ...MESSAGE, text: 'resolved' });
    const [posted] = slack.roots('#lambda');
    expect(posted).toMatchObject({ ts: root.ts, channelId: root.channel, text: 'resolved' });
    expect(slack.replies(posted!).map((message) => message.text)).toEqual(['reply']);
  });

  it('dead-letters an answer no retry can change (a revoked token), naming the channel, not the token', async () => {
    const error = await failure(sender('xoxb-revoked-token').post('#lambda', MESSAGE));
    expect(error).toBeInstanceOf(PermanentJobError);
    expect(error.message).toBe('Slack chat.postMessage in #lambda refused: invalid_auth');
  });

  it('leaves a 5xx to the queue to retry', async () => {
    slack.failNext({ status: 500 });
    const error = await failure(sender(slack.token).post('#lambda', MESSAGE));
    expect(error).not.toBeInstanceOf(PermanentJobError);
    expect(error.message).toMatch(/^Slack chat\.postMessage in #lambda failed: /);
    expect(slack.messages).toEqual([]);
  });

  it('turns an incoming webhook 429 into a wait for its retry-after, without the URL in the error', async () => {
    slack.failNext({ status: 429, retryAfter: 7 });
    const error = await failure(sender(undefined, slack.webhookUrl).postWebhook(MESSAGE));
    expect(error).toBeInstanceOf(RetryLaterError);
    expect((error as RetryLaterError).delayMs).toBe(7000);
    expect(error.message).not.toContain(slack.webhookUrl);
  });

  it('dead-letters an incoming webhook 4xx and says so without the URL', async () => {
    slack.failNext({ status: 404 });
    const error = await failure(sender(undefined, slack.webhookUrl).postWebhook(MESSAGE));
    expect(error).toBeInstanceOf(PermanentJobError);
    expect(error.message).toMatch(/^Slack incoming webhook answered HTTP 404/);
    expect(error.message).not.toContain('secret');
  });
});
