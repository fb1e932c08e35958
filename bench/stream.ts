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
  /** A comment carrying a slash command (the bench reports their latency on their own). */
  command: boolean;
  /** A failed release job's status: the first one per job opens a tracking issue. */
  releaseFailure?: string;
}

/** One kind of delivery in the mix, and its share. */
interface MixEntry {
  share: number;
  make(index: number, jobPrefix: string): { event: string; payload: Record<string, unknown> };
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

/**
 * What pads payloads to GitHub's size: the text of every recorded example, end to end. A slice of
 * it is JSON with the URLs, logins and repeated objects real payloads are made of, so it
 * compresses like them (6-7x with deflate, against 9x for GitHub's own 26 KB examples); a run of
 * one letter would compress 12x and flatter a store that compresses.
 */
const PADDING_CORPUS = groups
  .flatMap((group) => group.examples.map((payload) => JSON.stringify(payload)))
  .join('');

/** `length` characters of the corpus, from a place that depends on `index`. */
function paddingFor(index: number, length: number): string {
  const start = (index * 7919 * 13) % (PADDING_CORPUS.length - length);
  return PADDING_CORPUS.slice(start, start + length);
}

const COMMANDS = ['/hold', '/hold cancel', '/lgtm', '/assign @octocat', '/area lambda', '/retest-release'];

/** The repository every example payload names; the bench world seeds it. */
export const BENCH_REPO = 'Codertocat/Hello-World';
/** Comments go to issues 1..300; the odd ones are pull requests. */
export const BENCH_ISSUES = 300;
/** `issues` events name issues from here (100 of them), `pull_request` events PRs from the next. */
export const BENCH_EXTRA_ISSUES = 1000;
export const BENCH_EXTRA_PULLS = 2000;

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
      const issue = payload.issue as Record<string, unknown> & { number: number; html_url: string };
      issue.number = 1 + (i % BENCH_ISSUES);
      if (issue.number % 2 === 1) {
        issue.pull_request = { url: `https://api.github.com/repos/${BENCH_REPO}/pulls/${issue.number}` };
      }
      const command = COMMANDS[Math.floor(i / 2) % COMMANDS.length]!;
      // A cancel comes on a held PR, so that both adding and removing the label are exercised.
      if (command === '/hold cancel')
        issue.labels = [{ id: 1, name: 'do-not-merge/hold', color: 'ededed', default: false }];
      const comment = payload.comment as { body: string };
      comment.body = i % 2 === 0 ? `${command}\nthanks` : 'Looks good to me, thanks!';
      return { event: 'issue_comment', payload };
    },
  },
  {
    share: 0.25,
    make: (i, jobPrefix) => {
      if (i % 2 === 0) {
        // Prow's crier reporting a release postsubmit (a Deck link makes it Prow's); a failure
        // of a job not failing yet opens a tracking issue, which is what MTTD measures.
        const payload = example('status');
        const job = `post-${jobPrefix}service-${i % 40}-release`;
        const failed = i % 5 === 0;
        payload.context = job;
        payload.state = failed ? 'failure' : 'success';
        payload.description = failed ? 'Job failed.' : 'Job succeeded.';
        payload.target_url = `https://prow.example.dev/view/s3/bench-logs/logs/${job}/${1_000_000 + i}`;
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
    make: (i) => {
      if (i % 2 === 1)
        return { event: 'pull_request', payload: pullRequestEvent(BENCH_EXTRA_PULLS + (i % 100)) };
      const payload = example('issues', 'opened');
      (payload.issue as { number: number }).number = BENCH_EXTRA_ISSUES + (i % 100);
      return { event: 'issues', payload };
    },
  },
];

function pullRequestEvent(number: number): Record<string, unknown> {
  const payload = example('pull_request', 'synchronize');
  payload.number = number;
  (payload.pull_request as { number: number }).number = number;
  return payload;
}

/** Builds `count` signed deliveries, deterministic for the same arguments. */
export function buildStream(count: number, secret: string, padTo: number, jobPrefix = ''): BenchDelivery[] {
  const deliveries: BenchDelivery[] = [];
  for (let i = 0; i < count; i++) {
    const slot = (i * 0.6180339887) % 1;
    let acc = 0;
    const entry = DEFAULT_MIX.find((candidate) => (acc += candidate.share) > slot) ?? DEFAULT_MIX[0]!;
    const { event, payload } = entry.make(i, jobPrefix);
    // Examples carry made-up installation ids; without one Sheriff looks up the repository's
    // installation in the double, as it does for a forward from Prow's hook.
    delete payload.installation;
    let body = JSON.stringify(payload);
    // The slice's quotes are escaped in the body, so shorten it until the body fits.
    for (let length = padTo - body.length - 28; length > 0 && body.length !== padTo;) {
      payload.sheriff_bench_padding = paddingFor(i, length);
      body = JSON.stringify(payload);
      if (body.length <= padTo) break;
      length -= body.length - padTo;
    }
    const command = event === 'issue_comment' && /^\//.test((payload.comment as { body: string }).body);
    const releaseFailure =
      event === 'status' && payload.state === 'failure' ? String(payload.context) : undefined;
    deliveries.push({
      id: `bench-${i}`,
      event,
      body,
      signature: signBody(body, secret),
      command,
      ...(releaseFailure ? { releaseFailure } : {}),
    });
  }
  return deliveries;
}
