import { createRequire } from 'node:module';
import { signBody } from '../src/webhooks/verify-signature.js';

interface ExampleGroup {
  name: string;
  examples: Array<Record<string, unknown>>;
}

export interface BenchDelivery {
  id: string;
  event: string;
  body: string;
  signature: string;
}

/** One kind of delivery in the mix, and its share. */
interface MixEntry {
  share: number;
  make(index: number): { event: string; payload: Record<string, unknown> };
}

const require = createRequire(import.meta.url);
const groups = require('@octokit/webhooks-examples') as ExampleGroup[];

function example(event: string, action?: string): Record<string, unknown> {
  const found = groups
    .find((group) => group.name === event)
    ?.examples.find((candidate) => action === undefined || candidate.action === action);
  if (!found) throw new Error(`no example for ${event}.${action}`);
  return structuredClone(found);
}

const COMMANDS = ['/lgtm', '/hold', '/assign @octocat', '/area lambda', '/retest-release', '/notify-owners'];

/**
 * The default mix: 60% comments (half with a command), 25% statuses and workflow runs (a fifth
 * of them failing release jobs), 15% other events. Payloads are real examples, padded to
 * `padTo` bytes so the baseline comparison uses GitHub-sized bodies.
 */
const DEFAULT_MIX: MixEntry[] = [
  {
    share: 0.6,
    make: (i) => {
      const payload = example('issue_comment', 'created');
      // Comments spread over 300 issues and PRs, as in a busy org: each is its own ordering key.
      (payload.issue as { number: number }).number = 1 + (i % 300);
      const comment = payload.comment as { body: string };
      comment.body = i % 2 === 0 ? `${COMMANDS[i % COMMANDS.length]}\nthanks` : 'Looks good to me, thanks!';
      return { event: 'issue_comment', payload };
    },
  },
  {
    share: 0.25,
    make: (i) => {
      if (i % 2 === 0) {
        const payload = example('status');
        payload.context = `post-service-${i % 40}-release`;
        payload.state = i % 5 === 0 ? 'failure' : 'success';
        return { event: 'status', payload };
      }
      const payload = example('workflow_run', 'completed');
      (payload.workflow_run as Record<string, unknown>).name = `release-${i % 20}`;
      (payload.workflow_run as Record<string, unknown>).conclusion = i % 5 === 1 ? 'failure' : 'success';
      return { event: 'workflow_run', payload };
    },
  },
  {
    share: 0.15,
    make: (i) =>
      i % 2 === 0
        ? {
            event: 'issues',
            payload: {
              ...example('issues', 'opened'),
              issue: { ...(example('issues', 'opened').issue as object), number: 1000 + i },
            },
          }
        : {
            event: 'pull_request',
            payload: { ...example('pull_request', 'synchronize'), number: 2000 + (i % 100) },
          },
  },
];

/** Builds `count` signed deliveries, deterministic for the same arguments. */
export function buildStream(count: number, secret: string, padTo: number): BenchDelivery[] {
  const deliveries: BenchDelivery[] = [];
  for (let i = 0; i < count; i++) {
    const slot = (i * 0.6180339887) % 1;
    let acc = 0;
    const entry = DEFAULT_MIX.find((candidate) => (acc += candidate.share) > slot) ?? DEFAULT_MIX[0]!;
    const { event, payload } = entry.make(i);
    let body = JSON.stringify(payload);
    if (body.length < padTo) {
      payload.sheriff_bench_padding = 'x'.repeat(padTo - body.length - 28);
      body = JSON.stringify(payload);
    }
    deliveries.push({ id: `bench-${i}`, event, body, signature: signBody(body, secret) });
  }
  return deliveries;
}
