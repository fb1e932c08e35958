import { lexCommands } from '../../../src/commands/lex-commands.js';
import {
  decideTrackerCommands,
  renderCommandReply,
} from '../../../plugins/release-tracker/decide-tracker-commands.js';
import { parseSnoozeDuration } from '../../../plugins/release-tracker/parse-snooze-duration.js';
import { humanDuration } from '../../../plugins/release-tracker/render-text.js';
import {
  commentMarker,
  spliceStatusBlock,
  statusBlock,
  trackingKeyIn,
  trackingMarker,
} from '../../../plugins/release-tracker/tracking-marker.js';
import { KEY } from './tracker-builders.js';

describe('the tracking marker and the status block', () => {
  const body = [
    trackingMarker(KEY),
    '### Release job failing',
    statusBlock('old status'),
    'notes by a person',
  ].join('\n');

  it('finds the key of any marker version, and the shared fixture issue', () => {
    expect(trackingKeyIn(body)).toBe(KEY);
    expect(trackingKeyIn('<!-- sheriff:tracking v2 key=a/b/c -->')).toBe('a/b/c');
    expect(trackingKeyIn('no marker')).toBeUndefined();
  });

  it('replaces only the block, keeping every edit outside it', () => {
    const edited = body.replace('notes by a person', 'notes by a person\n\nRoot cause: expired token.');
    expect(spliceStatusBlock(edited, statusBlock('new status'), KEY)).toBe(
      edited.replace('old status', 'new status'),
    );
  });

  it('is a no-op when nothing changed, so a redelivery edits nothing', () => {
    expect(spliceStatusBlock(body, statusBlock('old status'), KEY)).toBe(body);
  });

  it('puts back a block and a marker a person deleted', () => {
    expect(spliceStatusBlock('just prose', statusBlock('s'), KEY)).toBe(
      `${trackingMarker(KEY)}\njust prose\n\n${statusBlock('s')}`,
    );
  });

  it('marks each comment with key, run and kind', () => {
    expect(commentMarker(KEY, 'prow:j:1', 'stage')).toBe(
      `<!-- sheriff:tracking-comment v1 key=${KEY} run=prow%3Aj%3A1 kind=stage -->`,
    );
  });
});

describe('/snooze durations', () => {
  it.each([
    ['1d', 86_400_000],
    ['4h', 4 * 3_600_000],
    ['30m', 30 * 60_000],
    ['30min', 30 * 60_000],
    ['1d12h', 36 * 3_600_000],
    ['2 weeks', 14 * 86_400_000],
  ])('reads %s', (text, ms) => {
    expect(parseSnoozeDuration(text)).toEqual({ ok: true, ms });
  });

  it.each([
    ['', 'say for how long'],
    ['soon', 'is not a duration'],
    ['5 months', 'is not a duration'],
    ['31d', 'at most 30 days'],
  ])('refuses %j', (text, error) => {
    const parsed = parseSnoozeDuration(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(error);
  });
});

describe('tracker commands', () => {
  const now = new Date('2025-05-14T10:00:00Z');
  const decide = (text: string, episodeOpen = true) =>
    decideTrackerCommands(lexCommands(text), { commenter: 'ana-lambda', now, episodeOpen });

  it('/ack assigns the commenter; /snooze sets an end; /mute and /unmute toggle', () => {
    expect(decide('/ack\n/snooze 1d\n/mute\n/unmute')).toEqual([
      { type: 'ack', login: 'ana-lambda' },
      { type: 'snooze', ms: 86_400_000, until: '2025-05-15T10:00:00.000Z' },
      { type: 'mute' },
      { type: 'unmute' },
    ]);
  });

  it('refuses /ack and /snooze once the episode is over, but still mutes', () => {
    expect(decide('/ack\n/mute', false).map((decision) => decision.type)).toEqual(['refuse', 'mute']);
  });

  it('says how to write a duration', () => {
    const [decision] = decide('/snooze whenever');
    expect(renderCommandReply(decision!, 'job')).toContain('`whenever` is not a duration');
  });

  it('answers a snooze with its length, and an /ack with nothing (the assignment shows it)', () => {
    const [ack, snooze] = decide('/ack\n/snooze 1d12h');
    expect(renderCommandReply(ack!, 'post-release')).toBeUndefined();
    expect(renderCommandReply(snooze!, 'post-release')).toMatch(
      /^reminders about `post-release` are snoozed for 1d 12h\./,
    );
  });

  it('writes durations in their two largest units', () => {
    expect([59_000, 43 * 60_000, 2 * 3_600_000, 26 * 3_600_000 + 5 * 60_000].map(humanDuration)).toEqual([
      'less than a minute',
      '43m',
      '2h',
      '1d 2h',
    ]);
  });
});
