import { z } from 'zod';
import { parseSnoozeDuration } from './parse-snooze-duration.js';

/**
 * A span of time in config (`10m`, `2h`, `1d12h`; m, h, d, w; at most 30 days), kept as written
 * so the published JSON Schema shows it as people type it; {@link durationMs} reads it.
 */
export const durationText = z.string().superRefine((text, context) => {
  const parsed = parseSnoozeDuration(text);
  if (!parsed.ok)
    context.addIssue({
      code: 'custom',
      message: `\`${text}\` is not a duration: use minutes, hours, days or weeks, e.g. \`10m\`, \`2h\`, \`1d\` (at most 30 days)`,
    });
});

/**
 * The milliseconds of a duration the config schema already validated.
 *
 * @example
 * durationMs('10m'); // 600000
 */
export function durationMs(text: string): number {
  const parsed = parseSnoozeDuration(text);
  if (!parsed.ok) throw new Error(`not a duration: ${text}`);
  return parsed.ms;
}
