import { z } from 'zod';
import { compileJobPattern } from '../../src/areas/job-pattern.js';
import { durationText } from './tracker-duration.js';

/**
 * One freshness rule: "job X must succeed at least every D" (`job`), or "marker URL M must
 * change at least every D" (`marker`, optionally naming the job that publishes it).
 */
const freshnessRuleSchema = z
  .strictObject({
    job: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A job name, or a glob or /regex/ over the job names the repository reports. A plain name is watched even if it never reported.',
      ),
    marker: z
      .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
      .optional()
      .describe('A version marker URL (e.g. latest-ci.txt) whose content must change.'),
    within: durationText.describe(
      'How long it may go without a success (job) or a change (marker), e.g. 3d (at most 30d).',
    ),
    producerJob: z
      .string()
      .min(1)
      .optional()
      .describe('For a marker: the job that publishes it; the issue says when it last succeeded and ran.'),
  })
  .superRefine((rule, context) => {
    if ((rule.job === undefined) === (rule.marker === undefined))
      context.addIssue({ code: 'custom', message: 'give exactly one of job or marker' });
    if (rule.job !== undefined) {
      const compiled = compileJobPattern(rule.job);
      if (!compiled.ok) context.addIssue({ code: 'custom', path: ['job'], message: compiled.error });
    }
    if (rule.producerJob !== undefined && rule.marker === undefined)
      context.addIssue({ code: 'custom', path: ['producerJob'], message: 'producerJob goes with marker' });
  });

export const freshnessRulesSchema = z
  .array(freshnessRuleSchema)
  .max(100)
  .default([])
  .describe(
    'The freshness watchdog: jobs that must succeed, and version markers that must change, at least every so often. A silent job (one that stopped reporting) or a stale marker gets a tracking issue, closed by the next success or change.',
  );

export type FreshnessRule = z.output<typeof freshnessRuleSchema>;

/** How Sheriff treats Flagger canaries of the repository. */
export const flaggerPolicySchema = z
  .strictObject({
    stuckAfter: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(3)
      .describe(
        'A canary that reports "exceeded its progress deadline" this many times for one revision without rolling back (Flagger before 1.36.1 stays in Promoting forever) is tracked as failed at stage <phase>-stuck.',
      ),
  })
  .prefault({});
