import { asksAnything, parseTriggerCommands } from '../../../plugins/trigger/parse-trigger-commands.js';
import { commandsFor, genericComment, pullRequestDescription } from '../support/prow-comments.js';

/** What a comment on a PR asks of trigger, through the real lexer (fences dropped) and routing. */
function parse(body: string, shape: Partial<Parameters<typeof genericComment>[0]> = {}) {
  return parseTriggerCommands(commandsFor('trigger', genericComment({ pullRequest: true, ...shape, body })));
}

function summary(body: string): string {
  const intent = parse(body);
  if (!asksAnything(intent)) return 'nothing';
  const parts: string[] = [];
  if (intent.retest) parts.push('retest');
  if (intent.retestRequired) parts.push('retest-required');
  if (intent.testManualRequired) parts.push('test-manual-required');
  if (intent.testAll) parts.push('test all');
  if (intent.targets.length > 0) parts.push(`test ${intent.targets.join(' ')}`);
  for (const help of intent.help) parts.push(`help:${help}`);
  if (intent.okToTest) parts.push('ok-to-test');
  if (intent.okToTestCancel) parts.push('ok-to-test cancel');
  return parts.join(', ');
}

describe('trigger commands (prow.md 1.7, section 0 fences and case)', () => {
  it.each([
    ['/retest', 'retest'],
    ['/retest  \r', 'retest'],
    ['/Retest', 'nothing'],
    ['/RETEST', 'nothing'],
    ['/retest now', 'help:retest-takes-no-target'],
    ['/retest-required', 'retest-required'],
    ['/retest-required  \r', 'retest-required'],
    ['/retest-required now', 'nothing'],
    ['/Retest-required', 'nothing'],
    ['/test-manual-required', 'test-manual-required'],
    ['/test-manual-required please', 'nothing'],
    ['/TEST-MANUAL-REQUIRED', 'nothing'],
    ['/retest\n/retest-required', 'retest, retest-required'],
    ['```\n/retest-required\n```', 'nothing'],
    ['/test', 'help:test-needs-target'],
    ['/test ?', 'help:list'],
    ['/test   ?', 'help:list'],
    ['/test all', 'test all'],
    ['/test all, please', 'test all'],
    ['/test all please', 'test all'],
    ['/test allx', 'test allx'],
    ['/Test all', 'nothing'],
    ['/test e2e', 'test e2e'],
    ['/test e2e unit', 'test e2e unit'],
    ['/test e2e, unit', 'test e2e unit'],
    ['/test e2e e2e', 'test e2e'],
    ['/ok-to-test', 'ok-to-test'],
    ['/OK-TO-TEST', 'nothing'],
    ['/ok-to-test cancel', 'ok-to-test cancel'],
    ['/ok-to-test   cancel  ', 'ok-to-test cancel'],
    ['/ok-to-test please', 'nothing'],
    ['please /retest', 'nothing'],
    ['> /retest', 'nothing'],
    ['- /retest', 'nothing'],
    ['    /retest', 'nothing'],
    ['`/retest`', 'nothing'],
    ['```\n/retest\n```', 'nothing'],
    ['```bash\n/test all\n```\n/test e2e', 'test e2e'],
    ['~~~\n/retest\n~~~', 'nothing'],
    ['```\n/retest', 'retest'],
    ['Flaky.\n/retest\n/test e2e\n/hold', 'retest, test e2e'],
    ['/ok-to-test\n/test all', 'test all, ok-to-test'],
  ])('%j: %s', (body, expected) => {
    expect(summary(body)).toBe(expected);
  });

  it('ignores an edited comment', () => {
    expect(asksAnything(parse('/retest', { action: 'edited' }))).toBe(false);
  });

  it('is a PR command: nothing on an issue', () => {
    expect(commandsFor('trigger', genericComment({ body: '/retest', pullRequest: false }))).toEqual([]);
  });

  it('reads a PR description as the author’s comment', () => {
    const tokens = commandsFor('trigger', pullRequestDescription('Adds a flag.\n/test e2e', 'erin'));
    expect(parseTriggerCommands(tokens).targets).toEqual(['e2e']);
  });
});
