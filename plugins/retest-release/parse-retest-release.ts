import type { CommandToken } from '../../src/commands/lex-commands.js';

/** What one comment's `/retest-release` lines ask for. */
export type RetestReleaseRequest =
  | { kind: 'list' }
  /** `jobs` empty: every failed release job of the context; `commits`: SHAs (7 to 40 hex) named. */
  | { kind: 'retest'; jobs: string[]; commits: string[] };

export type ParseResult = { ok: true; request: RetestReleaseRequest } | { ok: false; error: string };

export const USAGE = '`/retest-release`, `/retest-release <job> [<job>...]` or `/retest-release --list`';

const COMMIT = /^[0-9a-f]{7,40}$/i;

/**
 * The request of every `/retest-release` line of a comment, pure: `--list` anywhere lists;
 * otherwise the named jobs (quote a name with spaces: `"publish (lambda, helm-chart)"`) and
 * commit SHAs of all lines together, each once, in order.
 *
 * @example
 * parseRetestRelease([token('/retest-release post-lambda-controller-release')]);
 * // { ok: true, request: { kind: 'retest', jobs: ['post-lambda-controller-release'], commits: [] } }
 * parseRetestRelease([token('/retest-release --all')]);
 * // { ok: false, error: 'unknown option `--all`: use `/retest-release`, ...' }
 */
export function parseRetestRelease(commands: readonly CommandToken[]): ParseResult {
  const jobs: string[] = [];
  const commits: string[] = [];
  let list = false;
  for (const command of commands) {
    const words = splitWords(command.argText);
    if (!words.ok) return { ok: false, error: words.error };
    for (const word of words.words) {
      if (word === '--list') list = true;
      else if (word.startsWith('--'))
        return { ok: false, error: `unknown option \`${word}\`: use ${USAGE}.` };
      else if (COMMIT.test(word)) pushOnce(commits, word.toLowerCase());
      else pushOnce(jobs, word);
    }
  }
  if (list) return { ok: true, request: { kind: 'list' } };
  return { ok: true, request: { kind: 'retest', jobs, commits } };
}

/** Words split on spaces; `"..."` or `'...'` keep a name with spaces whole. */
function splitWords(text: string): { ok: true; words: string[] } | { ok: false; error: string } {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    const word = match[1] ?? match[2] ?? match[3] ?? '';
    if (match[3]?.startsWith('"') || match[3]?.startsWith("'"))
      return { ok: false, error: `a quote is not closed in \`${text}\`.` };
    if (word.trim() !== '') words.push(word.trim());
  }
  return { ok: true, words };
}

function pushOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}
