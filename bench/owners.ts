/**
 * Times the OWNERS engine on a repository the size of kubernetes/kubernetes: 2,000 OWNERS files,
 * 40,000 changed-file paths, an OWNERS_ALIASES with 150 aliases, some `filters` and some
 * `no_parent_owners`. The tree is generated from a fixed seed, so every run sees the same input.
 *
 * Reports, each as the median of several runs:
 * - building the index from file contents (parsing every file included);
 * - resolving one path (`OwnersIndex.resolve`, every field): median and p99 over all 40,000 paths;
 * - `suggestApprovers` and `checkApprovals` for a pull request of 500 files.
 *
 * Run: npx tsx bench/owners.ts   (add --json for one JSON line at the end)
 */
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { OwnersIndex } from '../src/owners/owners-index.js';
import { checkApprovals, suggestApprovers } from '../src/owners/suggest-approvers.js';

const OWNERS_FILES = 2_000;
const DIRECTORIES = 6_000;
const PATHS = 40_000;
const PR_FILES = 500;
const ALIASES = 150;
const PEOPLE = 1_500;
const RUNS = 7;

/** mulberry32: a small seeded generator, so the tree is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seededRandom(20_250_514);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const sample = <T>(items: readonly T[], count: number): T[] =>
  Array.from({ length: count }, () => pick(items));

const WORDS = [
  'pkg',
  'cmd',
  'api',
  'apis',
  'core',
  'util',
  'kubelet',
  'controller',
  'scheduler',
  'proxy',
  'volume',
];
const MORE_WORDS = [
  'storage',
  'network',
  'auth',
  'apps',
  'batch',
  'test',
  'e2e',
  'staging',
  'client',
  'server',
];
const EXTENSIONS = ['.go', '_test.go', '.md', '.yaml', '.proto', '.sh'];

function generateRepository(): { files: Record<string, string>; paths: string[] } {
  const people = Array.from({ length: PEOPLE }, (_, i) => `Dev-${i}`);
  const aliases: Record<string, string[]> = {};
  for (let i = 0; i < ALIASES; i++) aliases[`sig-team-${i}`] = sample(people, 3 + Math.floor(random() * 6));
  const aliasNames = Object.keys(aliases);
  const owner = () => (random() < 0.3 ? pick(aliasNames) : pick(people));

  const directories = [''];
  const depth = (dir: string) => (dir === '' ? 0 : dir.split('/').length);
  while (directories.length < DIRECTORIES) {
    const parent = pick(directories);
    if (depth(parent) >= 7) continue;
    const name = `${pick([...WORDS, ...MORE_WORDS])}${Math.floor(random() * 40)}`;
    const child = parent === '' ? name : `${parent}/${name}`;
    if (!directories.includes(child)) directories.push(child);
  }

  const files: Record<string, string> = { OWNERS_ALIASES: stringify({ aliases }) };
  const owned = ['', ...sample(directories.slice(1), OWNERS_FILES * 2)].filter(
    (dir, i, all) => all.indexOf(dir) === i,
  );
  for (const dir of owned.slice(0, OWNERS_FILES)) {
    const roll = random();
    const simple = {
      approvers: Array.from({ length: 1 + Math.floor(random() * 4) }, owner),
      reviewers: Array.from({ length: Math.floor(random() * 5) }, owner),
      labels: random() < 0.4 ? [`area/${dir.split('/').at(-1) || 'root'}`] : [],
    };
    let spec: object;
    if (roll < 0.08) {
      spec = {
        filters: {
          '.*': simple,
          '\\.go$': { reviewers: [owner()] },
          '_test\\.go$': { approvers: [owner()], labels: ['area/test'] },
          '^docs/': { labels: ['kind/documentation'] },
        },
      };
    } else if (roll < 0.13) {
      spec = { options: { no_parent_owners: true }, ...simple, required_reviewers: [owner()] };
    } else {
      spec = simple;
    }
    files[dir === '' ? 'OWNERS' : `${dir}/OWNERS`] = stringify(spec);
  }

  const paths = Array.from({ length: PATHS }, (_, i) => {
    const dir = pick(directories);
    const file = `file${i}${pick(EXTENSIONS)}`;
    return dir === '' ? file : `${dir}/${file}`;
  });
  return { files, paths };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function time(run: () => unknown): number {
  const before = performance.now();
  run();
  return performance.now() - before;
}

const { files, paths } = generateRepository();
const ownersCount = Object.keys(files).filter((path) => path.endsWith('OWNERS')).length;
console.log(
  `OWNERS engine on a generated tree: ${ownersCount} OWNERS files, ${paths.length} paths, ${ALIASES} aliases`,
);
console.log(`Node ${process.version}; each figure is the median of ${RUNS} runs\n`);

time(() => OwnersIndex.fromFiles(files)); // warm-up
const buildMs = median(Array.from({ length: RUNS }, () => time(() => OwnersIndex.fromFiles(files))));
const index = OwnersIndex.fromFiles(files);
if (index.problems.length > 0) throw new Error(`generated tree has problems: ${index.problems[0]!.message}`);

for (const path of paths.slice(0, 2_000)) index.resolve(path); // warm-up
const passes = Array.from({ length: RUNS }, () => {
  const micros = paths.map((path) => time(() => index.resolve(path)) * 1000);
  return { median: median(micros), p99: percentile(micros, 99) };
});
const resolveMedianUs = median(passes.map((pass) => pass.median));
const resolveP99Us = median(passes.map((pass) => pass.p99));

/**
 * A pull request whose files fall under OWNERS directories none of which contains another, so
 * no unit absorbs another: the most units, and the most work, 500 files can make.
 */
function widePullRequest(): string[] {
  const units = new Set<string>();
  const nested = (a: string, b: string) =>
    a === '' || b === '' || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
  const chosen: string[] = [];
  for (const path of paths) {
    const unit = index.findApproverOwnersDir(path);
    if (!units.has(unit) && [...units].some((other) => nested(unit, other))) continue;
    units.add(unit);
    chosen.push(path);
    if (chosen.length === PR_FILES) break;
  }
  return chosen;
}

const pullRequests: [name: string, changedFiles: string[]][] = [
  ['random', sample(paths, PR_FILES)],
  ['wide', widePullRequest()],
];
const rows: [string, string][] = [
  ['build index (parse + expand aliases)', `${buildMs.toFixed(1)} ms`],
  ['resolve one path, median', `${resolveMedianUs.toFixed(2)} µs`],
  ['resolve one path, p99', `${resolveP99Us.toFixed(2)} µs`],
];
const prResults: Record<string, { suggest_ms: number; check_ms: number; units: number; suggested: number }> =
  {};
for (const [name, changedFiles] of pullRequests) {
  const suggestion = suggestApprovers(index, { changedFiles, seed: 4711 });
  const state = checkApprovals(index, { changedFiles, approvals: [] });
  const suggestMs = median(
    Array.from({ length: RUNS }, () => time(() => suggestApprovers(index, { changedFiles, seed: 4711 }))),
  );
  const checkMs = median(
    Array.from({ length: RUNS }, () => time(() => checkApprovals(index, { changedFiles }))),
  );
  const size = `${changedFiles.length}-file ${name} PR`;
  rows.push(
    [
      `suggestApprovers, ${size}`,
      `${suggestMs.toFixed(1)} ms (${state.ownersFiles.length} OWNERS files to approve, ${suggestion.approvers.length} approvers suggested)`,
    ],
    [`checkApprovals, ${size}`, `${checkMs.toFixed(1)} ms`],
  );
  prResults[name] = {
    suggest_ms: suggestMs,
    check_ms: checkMs,
    units: state.ownersFiles.length,
    suggested: suggestion.approvers.length,
  };
}
for (const [name, value] of rows) console.log(`${name.padEnd(46)}${value}`);

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify({
      owners_files: ownersCount,
      paths: paths.length,
      build_ms: buildMs,
      resolve_median_us: resolveMedianUs,
      resolve_p99_us: resolveP99Us,
      pull_requests: prResults,
    }),
  );
}
