/**
 * Prow's welcome to an untrusted author (`trigger/pull-request.go` `welcomeMsg`), in Sheriff's
 * words: who must clear the PR and how. Commands appear only in inline code.
 *
 * @example
 * welcomeUntrustedMessage('mallory', 'acme'); // 'Hi @mallory. Thanks for your PR.\n\n...'
 */
export function welcomeUntrustedMessage(author: string, org: string): string {
  return [
    `Hi @${author}. Thanks for your PR.`,
    '',
    `I'm waiting for a [${org}](https://github.com/orgs/${org}/people) member to verify that this patch is reasonable to test. If it is, they should reply with \`/ok-to-test\` on its own line. Until that is done, I will not re-run or approve CI for this PR, but the usual testing commands by trusted users will still work. Regular contributors should join the org to skip this step.`,
    '',
    'Once the patch is verified, the new status will be reflected by the `ok-to-test` label. It clears the commit it was given for: new commits need a new `/ok-to-test`.',
  ].join('\n');
}
