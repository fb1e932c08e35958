import {
  apiPathOf,
  isContentCreating,
  isSafeToResend,
  isTokenRequest,
  rateLimitResourceFor,
} from '../../src/github/classify-request.js';

describe('isContentCreating', () => {
  it.each([
    ['POST', '/repos/acme/widgets/issues'],
    ['POST', '/repos/acme/widgets/issues/7/comments'],
    ['POST', '/repos/acme/widgets/issues/7/labels'],
    ['POST', '/repos/acme/widgets/pulls/7/reviews'],
    ['POST', '/repos/acme/widgets/pulls'],
    ['POST', '/repos/acme/widgets/statuses/abc123'],
    ['PUT', '/repos/acme/widgets/pulls/7/merge'],
    ['PUT', '/repos/acme/widgets/issues/7/labels'],
  ])('counts %s %s', (method, path) => {
    expect(isContentCreating(method, path)).toBe(true);
  });

  it.each([
    ['GET', '/repos/acme/widgets/issues/7', undefined],
    ['PATCH', '/repos/acme/widgets/issues/7', { state: 'closed' }],
    ['DELETE', '/repos/acme/widgets/issues/7/labels/lgtm', undefined],
    ['POST', '/markdown', { text: '# hi' }],
    ['POST', '/app/hook/deliveries/11/attempts', undefined],
    ['POST', '/graphql', { query: 'query { viewer { login } }' }],
  ])('does not count %s %s', (method, path, body) => {
    expect(isContentCreating(method, path, body)).toBe(false);
  });

  it('counts a GraphQL mutation', () => {
    expect(
      isContentCreating('POST', '/graphql', {
        query: 'mutation { addComment(input: {}) { clientMutationId } }',
      }),
    ).toBe(true);
  });
});

describe('isSafeToResend', () => {
  it.each(['GET', 'HEAD', 'PUT', 'DELETE'])('resends %s', (method) => {
    expect(isSafeToResend(method, '/repos/acme/widgets/issues/7/lock')).toBe(true);
  });

  it('resends POSTs that only add to a set', () => {
    expect(isSafeToResend('POST', '/repos/acme/widgets/issues/7/labels')).toBe(true);
    expect(isSafeToResend('POST', '/repos/acme/widgets/issues/7/assignees')).toBe(true);
    expect(isSafeToResend('POST', '/repos/acme/widgets/pulls/7/requested_reviewers')).toBe(true);
    expect(isSafeToResend('POST', '/graphql', { query: '{ viewer { login } }' })).toBe(true);
  });

  it('does not resend a POST that creates something, nor a PATCH', () => {
    expect(isSafeToResend('POST', '/repos/acme/widgets/issues/7/comments')).toBe(false);
    expect(isSafeToResend('POST', '/repos/acme/widgets/issues')).toBe(false);
    expect(isSafeToResend('POST', '/graphql', { query: 'mutation { x }' })).toBe(false);
    expect(isSafeToResend('PATCH', '/repos/acme/widgets/issues/7')).toBe(false);
  });
});

describe('rateLimitResourceFor', () => {
  it("names GitHub's buckets", () => {
    expect(rateLimitResourceFor('/repos/acme/widgets')).toBe('core');
    expect(rateLimitResourceFor('/search/issues')).toBe('search');
    expect(rateLimitResourceFor('/search/code')).toBe('code_search');
    expect(rateLimitResourceFor('/graphql')).toBe('graphql');
  });
});

describe('apiPathOf', () => {
  it('drops host and query', () => {
    expect(apiPathOf('https://api.github.com/repos/acme/widgets?per_page=1', 'https://api.github.com')).toBe(
      '/repos/acme/widgets',
    );
  });

  it("drops a GitHub Enterprise Server's base path", () => {
    expect(apiPathOf('https://ghe.example/api/v3/repos/acme/widgets', 'https://ghe.example/api/v3/')).toBe(
      '/repos/acme/widgets',
    );
  });
});

describe('isTokenRequest', () => {
  it('recognises the installation-token request', () => {
    expect(isTokenRequest('POST', '/app/installations/11/access_tokens')).toBe(true);
    expect(isTokenRequest('GET', '/app/installations/11')).toBe(false);
  });
});
