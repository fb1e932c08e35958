import { lexCommands } from '../../../src/commands/lex-commands.js';
import { decideHold } from '../../../plugins/hold/decide-hold.js';

const LABEL = 'do-not-merge/hold';
const decide = (body: string, labels: string[] = []) => decideHold(lexCommands(body), labels, LABEL);

describe('decideHold (Prow hold semantics)', () => {
  it.each([
    ['/hold', [], { type: 'add-label', label: LABEL }],
    ['/HOLD', [], { type: 'add-label', label: LABEL }],
    ['/hold until v1.2 ships', [], { type: 'add-label', label: LABEL }],
    ['/hold cancelled', [], { type: 'add-label', label: LABEL }],
    ['/hold', [LABEL], null],
    ['/hold cancel', [LABEL], { type: 'remove-label', label: LABEL }],
    ['/hold   CANCEL', [LABEL], { type: 'remove-label', label: LABEL }],
    ['/unhold', [LABEL], { type: 'remove-label', label: LABEL }],
    ['/remove-hold', [LABEL], { type: 'remove-label', label: LABEL }],
    ['/hold\n/unhold', [LABEL], { type: 'remove-label', label: LABEL }],
    ['/unhold', [], null],
    ['/holdx', [], null],
  ] as const)('%j with labels %j gives %j', (body, labels, expected) => {
    expect(decide(body, [...labels])).toEqual(expected);
  });
});
