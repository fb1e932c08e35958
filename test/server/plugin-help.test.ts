import { startHarness, type Harness } from '../support/sheriff-harness.js';

describe('POST /api/github/webhooks/help (Prow external-plugin help)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness('pglite');
  });
  afterAll(async () => {
    await harness.close();
  });

  it('answers PluginHelp JSON for the repositories hook names', async () => {
    const response = await fetch(`${harness.url}/api/github/webhooks/help`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ Org: 'acme', Repo: 'widgets' }]),
    });
    expect(response.status).toBe(200);
    const help = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(help).sort()).toEqual(['Commands', 'Config', 'Description', 'Events']);
    expect(help.Config).toEqual({ 'acme/widgets': expect.stringContaining('hold') });
    expect(help.Commands).toEqual(
      expect.arrayContaining([expect.objectContaining({ Usage: '/hold [cancel]', Featured: true })]),
    );
  });

  it('refuses a body that is not the repository list', async () => {
    const response = await fetch(`${harness.url}/api/github/webhooks/help`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
  });
});
