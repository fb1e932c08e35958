/** The longest snooze: a longer silence is a `/mute`. */
export const MAX_SNOOZE_MS = 30 * 86_400_000;

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
// Longest spellings first: the alternation takes the first that matches.
const PART = /(\d+)\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)/gi;

export type SnoozeDuration = { ok: true; ms: number } | { ok: false; error: string };

/**
 * Reads a `/snooze` duration: one or more `<number><unit>` parts, units m, h, d, w (also spelled
 * out), summed; at most 30 days.
 *
 * @example
 * parseSnoozeDuration('1d12h'); // { ok: true, ms: 129600000 }
 * parseSnoozeDuration('soon'); // { ok: false, error: '`soon` is not a duration: ...' }
 */
export function parseSnoozeDuration(text: string): SnoozeDuration {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'say for how long, e.g. `/snooze 1d` or `/snooze 4h`' };
  let ms = 0;
  let consumed = '';
  for (const match of trimmed.matchAll(PART)) {
    ms += Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()[0]!]!;
    consumed += match[0];
  }
  if (consumed.replace(/\s+/g, '') !== trimmed.replace(/\s+/g, '') || ms === 0)
    return {
      ok: false,
      error: `\`${trimmed}\` is not a duration: use minutes, hours, days or weeks, e.g. \`1d\`, \`4h\`, \`1d12h\``,
    };
  if (ms > MAX_SNOOZE_MS)
    return { ok: false, error: 'a snooze lasts at most 30 days; use `/mute` to stop tracking' };
  return { ok: true, ms };
}
