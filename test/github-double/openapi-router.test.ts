import { OpenApiRouter } from '../../src/github-double/openapi-router.js';
import { openApiSubset } from '../../src/github-double/openapi-subset.js';

describe('OpenApiRouter over GitHub routes', () => {
  const router = new OpenApiRouter(openApiSubset.routes);

  it('prefers literal segments over parameters', () => {
    expect(router.match('GET', '/repos/acme/widgets/issues/comments')?.operationId).toBe(
      'issues/list-comments-for-repo',
    );
    expect(router.match('GET', '/repos/acme/widgets/issues/7')).toMatchObject({
      operationId: 'issues/get',
      params: { owner: 'acme', repo: 'widgets', issue_number: '7' },
    });
  });

  it('names parameters per operation even where routes share a position', () => {
    expect(router.match('GET', '/repos/a/b/commits/abc/status')).toMatchObject({
      operationId: 'repos/get-combined-status-for-ref',
      params: { ref: 'abc' },
    });
    expect(router.match('GET', '/repos/a/b/commits/abc/comments')).toMatchObject({
      operationId: 'repos/list-comments-for-commit',
      params: { commit_sha: 'abc' },
    });
  });

  it('lets multi-segment parameters span slashes, encoded or not, and be empty at the end', () => {
    expect(router.match('GET', '/repos/a/b/contents/.github/sheriff.yml')?.params.path).toBe(
      '.github/sheriff.yml',
    );
    expect(router.match('GET', '/repos/a/b/contents/.github%2Fsheriff.yml')?.params.path).toBe(
      '.github/sheriff.yml',
    );
    expect(router.match('GET', '/repos/a/b/contents/')?.params.path).toBe('');
    expect(router.match('GET', '/repos/a/b/contents')?.params.path).toBe('');
    expect(router.match('GET', '/repos/a/b/branches/feature/x/protection')).toMatchObject({
      operationId: 'repos/get-branch-protection',
      params: { branch: 'feature/x' },
    });
  });

  it('matches parameters embedded in a segment', () => {
    expect(router.match('GET', '/repos/a/b/compare/main...topic')).toMatchObject({
      operationId: 'repos/compare-commits',
      params: { base: 'main', head: 'topic' },
    });
  });

  it('finds nothing for unknown paths, wrong methods and trailing slashes', () => {
    expect(router.match('GET', '/repos/a/b/nope')).toBeUndefined();
    expect(router.match('PATCH', '/repos/a/b/issues/7/labels')).toBeUndefined();
    expect(router.match('GET', '/repos/a/b/issues/')).toBeUndefined();
  });

  it('routes the whole description quickly', () => {
    const started = process.hrtime.bigint();
    for (let round = 0; round < 20; round++) {
      for (const [method, template] of openApiSubset.routes)
        router.match(method, template.replace(/\{[^}]+\}/g, 'x'));
    }
    const perMatchMicros =
      Number(process.hrtime.bigint() - started) / 1000 / (20 * openApiSubset.routes.length);
    expect(perMatchMicros).toBeLessThan(50);
  });
});
