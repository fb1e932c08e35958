import { z } from 'zod';

/** `plugins.lgtm` in `.github/sheriff.yml`. */
export const lgtmConfigSchema = z.strictObject({
  reviewersFromOwners: z
    .boolean()
    .default(false)
    .describe(
      "Only OWNERS approvers and reviewers of the PR's changed files may use /lgtm, instead of collaborators, and the commenter is not assigned (Prow: owners.skip_collaborators).",
    ),
  reviewActsAsLgtm: z
    .boolean()
    .default(false)
    .describe(
      'An "Approve" review adds lgtm; "Request changes" or a dismissal removes it (Prow: review_acts_as_lgtm).',
    ),
  keepOnUnchangedTree: z
    .boolean()
    .default(false)
    .describe(
      'Keep lgtm on a push whose head commit has the same git tree as the previous head, e.g. a squash of the reviewed commits (Prow: store_tree_hash).',
    ),
  stickyTeam: z
    .string()
    .regex(/^[^/\s]+\/[^/\s]+$/, 'must be org/team-slug')
    .optional()
    .describe(
      'PRs authored by members of this team keep lgtm on new commits (Prow: trusted_team_for_sticky_lgtm).',
    ),
});

export type LgtmConfig = z.output<typeof lgtmConfigSchema>;
