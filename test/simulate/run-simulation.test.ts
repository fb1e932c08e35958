import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadWorld } from '../../src/github-double/world.js';
import { runSimulation } from '../../src/simulate/run-simulation.js';
import { readEventsFile, SimulationInputError } from '../../src/simulate/simulation-events.js';
import { sharedFixturePath } from '../support/webhook-examples.js';

const examples = new URL('../../docs/examples/', import.meta.url).pathname;
const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const run = promisify(execFile);

describe('sheriff simulate', () => {
  it('runs the docs example: hold, an ignored redelivery, then unhold', async () => {
    const result = await runSimulation({
      world: loadWorld(join(examples, 'ack-world.yaml')),
      events: readEventsFile(join(examples, 'hold-then-cancel.jsonl')),
    });
    expect(result).toEqual({
      actions: [
        {
          method: 'POST',
          path: '/repos/example-ack/lambda-controller/issues/41/labels',
          body: { labels: ['do-not-merge/hold'] },
        },
        {
          method: 'DELETE',
          path: '/repos/example-ack/lambda-controller/issues/41/labels/do-not-merge%2Fhold',
        },
      ],
      notifications: [],
    });
  });

  it('gives the same output for the same input', async () => {
    const once = () =>
      runSimulation({
        world: loadWorld(join(examples, 'ack-world.yaml')),
        events: readEventsFile(join(examples, 'hold-then-cancel.jsonl')),
      });
    expect(JSON.stringify(await once())).toBe(JSON.stringify(await once()));
  });

  it('prints valid JSON for a status event from the CLI', async () => {
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      CLI,
      'simulate',
      '--world',
      join(examples, 'ack-world.yaml'),
      '--event',
      'status',
      '--payload',
      sharedFixturePath('world', 'github', 'status-failure-post-lambda-controller-release.json'),
      '--json',
    ]);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toEqual({ actions: expect.any(Array), notifications: expect.any(Array) });
  });

  it('names the line and the problem of a bad events file', () => {
    const file = join(tmpdir(), `sheriff-events-${process.pid}.jsonl`);
    writeFileSync(file, '{"event":"tick","at":"2025-05-14T10:00:00Z"}\n{"event":"status"}\n');
    expect(() => readEventsFile(file)).toThrow(SimulationInputError);
    expect(() => readEventsFile(file)).toThrow(
      `${file}:2: (line): give exactly one of payload or payloadFile`,
    );
    writeFileSync(file, '{"event":"status","payload":{},"at":"yesterday"}\n');
    expect(() => readEventsFile(file)).toThrow(`${file}:1: at: `);
  });
});
