import { parseRetestRelease } from '../../../plugins/retest-release/parse-retest-release.js';
import { lexCommands } from '../../../src/commands/lex-commands.js';

const parse = (body: string) => parseRetestRelease(lexCommands(body));

describe('parsing /retest-release', () => {
  it('means every failed job of the context without arguments', () => {
    expect(parse('/retest-release')).toEqual({
      ok: true,
      request: { kind: 'retest', jobs: [], commits: [] },
    });
  });

  it('takes job names and commit SHAs, each once, from every line', () => {
    expect(
      parse(
        '/retest-release post-lambda-controller-release C342365AB463\n/retest-release release post-lambda-controller-release',
      ),
    ).toEqual({
      ok: true,
      request: {
        kind: 'retest',
        jobs: ['post-lambda-controller-release', 'release'],
        commits: ['c342365ab463'],
      },
    });
  });

  it('keeps a quoted name with spaces whole', () => {
    expect(parse(`/retest-release "publish (lambda, helm-chart)" 'Release Bot'`)).toEqual({
      ok: true,
      request: { kind: 'retest', jobs: ['publish (lambda, helm-chart)', 'Release Bot'], commits: [] },
    });
  });

  it('lists when --list appears anywhere', () => {
    expect(parse('/retest-release release --list')).toEqual({ ok: true, request: { kind: 'list' } });
  });

  it('refuses an unknown option, naming it and the usage', () => {
    expect(parse('/retest-release --all')).toEqual({
      ok: false,
      error:
        'unknown option `--all`: use `/retest-release`, `/retest-release <job> [<job>...]` or `/retest-release --list`.',
    });
  });

  it('refuses a quote left open', () => {
    expect(parse('/retest-release "publish (lambda')).toEqual({
      ok: false,
      error: 'a quote is not closed in `"publish (lambda`.',
    });
  });

  it('does not take a short hex word for a commit', () => {
    expect(parse('/retest-release abc123')).toEqual({
      ok: true,
      request: { kind: 'retest', jobs: ['abc123'], commits: [] },
    });
  });
});
