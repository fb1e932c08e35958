import { parseNotifyOwners } from '../../../plugins/notify-owners/parse-notify-owners.js';
import { lexCommands } from '../../../src/commands/lex-commands.js';

const parse = (body: string) =>
  parseNotifyOwners(lexCommands(body).filter((command) => command.normalizedName === 'notify-owners'));

describe('parseNotifyOwners', () => {
  it.each([
    ['/notify-owners', { targets: [], message: undefined }],
    ['/notify-owners s3', { targets: ['s3'], message: undefined }],
    ['/NOTIFY-OWNERS s3  lambda\t s3', { targets: ['s3', 'lambda'], message: undefined }],
    ['/notify-owners s3 -- image push is red', { targets: ['s3'], message: 'image push is red' }],
    ['/notify-owners -- please look', { targets: [], message: 'please look' }],
    ['/notify-owners s3 --', { targets: ['s3'], message: undefined }],
    ['/notify-owners s3 --force', { targets: ['s3', '--force'], message: undefined }],
    ['/notify-owners a -- x -- y', { targets: ['a'], message: 'x -- y' }],
    [
      '/notify-owners s3 -- one\n/notify-owners lambda -- two',
      { targets: ['s3', 'lambda'], message: 'one two' },
    ],
    [
      'Token refresh fixed.\r\n/retest-release\r\n/notify-owners s3\r\n',
      { targets: ['s3'], message: undefined },
    ],
  ])('%j', (body, expected) => {
    expect(parse(body)).toEqual(expected);
  });
});
