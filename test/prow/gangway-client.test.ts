import { RetryLaterError } from '../../src/pipeline/job-errors.js';
import { GangwayClient, GangwayRefusedError } from '../../src/prow/gangway-client.js';
import { readGangwaySettings } from '../../src/prow/gangway-settings.js';
import { startGangwayReceiver, type GangwayReceiver } from '../support/gangway-receiver.js';

const TOKEN = 'gangway-test-token';
const SHA = 'c342365ab4634a382d40dd2532411d2f9e2a42b8';

describe('the Gangway client, against a loopback Gangway gateway', () => {
  let receiver: GangwayReceiver;
  let client: GangwayClient;

  beforeEach(async () => {
    receiver = await startGangwayReceiver({ token: TOKEN });
    client = new GangwayClient(
      readGangwaySettings({ GANGWAY_URL: `${receiver.url}/`, GANGWAY_TOKEN: TOKEN })!,
    );
  });
  afterEach(() => receiver.close());

  it('posts a job execution with its refs and the bearer token, and reads the execution back', async () => {
    const execution = await client.createJobExecution({
      job_name: 'post-lambda-controller-release',
      job_execution_type: 'POSTSUBMIT',
      refs: { org: 'example-ack', repo: 'lambda-controller', base_ref: 'v1.7.3', base_sha: SHA },
    });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/executions',
      body: {
        job_name: 'post-lambda-controller-release',
        job_execution_type: 'POSTSUBMIT',
        refs: { org: 'example-ack', repo: 'lambda-controller', base_ref: 'v1.7.3', base_sha: SHA },
      },
    });
    expect(request!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(execution.job_status).toBe('TRIGGERED');
    expect(execution.job_name).toBe('post-lambda-controller-release');
    expect(execution.id).not.toBe('');
  });

  it('turns a 5xx into a retry after the gateway’s retry-after, without the credentials in the message', async () => {
    receiver.answerNext({
      status: 503,
      body: { code: 14, message: 'unavailable' },
      headers: { 'retry-after': '7' },
    });
    const failure = await client
      .createJobExecution({ job_name: 'periodic-docs', job_execution_type: 'PERIODIC' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RetryLaterError);
    expect((failure as RetryLaterError).delayMs).toBe(7000);
    expect((failure as Error).message).toContain('503');
    expect((failure as Error).message).not.toContain(TOKEN);
  });

  it('turns a 4xx into a refusal carrying Gangway’s own message', async () => {
    receiver.answerNext({ status: 403, body: { code: 7, message: 'tenant not allowed' } });
    const failure = await client
      .createJobExecution({ job_name: 'periodic-docs', job_execution_type: 'PERIODIC' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GangwayRefusedError);
    expect((failure as GangwayRefusedError).status).toBe(403);
    expect((failure as Error).message).toContain('tenant not allowed');
  });

  it('is refused without the right token (the receiver checks it as ESPv2 would)', async () => {
    const anonymous = new GangwayClient(readGangwaySettings({ GANGWAY_URL: receiver.url })!);
    await expect(anonymous.getJobExecution('abc')).rejects.toBeInstanceOf(GangwayRefusedError);
  });

  it('treats a gateway that cannot be reached as a retry, not a refusal', async () => {
    await receiver.close();
    await expect(client.getJobExecution('abc')).rejects.toBeInstanceOf(RetryLaterError);
    receiver = await startGangwayReceiver({ token: TOKEN });
  });
});

describe('Gangway settings', () => {
  it('is absent without GANGWAY_URL, and names the variable when the URL is not one', () => {
    expect(readGangwaySettings({})).toBeUndefined();
    expect(() => readGangwaySettings({ GANGWAY_URL: 'gangway:32000' })).toThrow(/GANGWAY_URL/);
  });

  it('sends the API key as x-api-key and the token as a bearer credential', () => {
    expect(
      readGangwaySettings({
        GANGWAY_URL: 'https://gw.example.dev',
        GANGWAY_API_KEY: ' k ',
        GANGWAY_TOKEN: 't',
      })?.headers,
    ).toEqual({
      authorization: 'Bearer t',
      'x-api-key': 'k',
    });
  });
});
