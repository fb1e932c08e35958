import { z } from 'zod';

/** GitHub's repository roles, weakest first. */
export const REPO_PERMISSIONS = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const;
export type RepoPermission = (typeof REPO_PERMISSIONS)[number];

/**
 * Who may use a command, as config can say it (shaped like Prow's `rerun_auth_config`): anyone
 * matching any listed condition is allowed. Every plugin that guards a command takes one of
 * these in its config section, with its own default.
 */
export const accessRuleSchema = z.strictObject({
  allowAnyone: z.boolean().default(false).describe('Everyone may use it.'),
  minRepoPermission: z
    .enum(REPO_PERMISSIONS)
    .optional()
    .describe(
      'Collaborators with at least this role on the repository (read < triage < write < maintain < admin).',
    ),
  orgMembers: z.boolean().default(false).describe("Members of the repository owner's organisation."),
  orgs: z.array(z.string()).default([]).describe('Members of these organisations.'),
  teams: z.array(z.string()).default([]).describe('Members of these teams, as org/team-slug.'),
  users: z.array(z.string()).default([]).describe('These logins.'),
  author: z.boolean().default(false).describe('The author of the issue or pull request.'),
  ownersApprovers: z
    .boolean()
    .default(false)
    .describe('Approvers in OWNERS for the files or area concerned.'),
});

export type AccessRule = z.output<typeof accessRuleSchema>;

/** The outcome of a permission check; a refusal names the rule that refused, for the reply. */
export type AccessDecision = { allowed: true; because: string } | { allowed: false; because: string };

/** What the caller knows about the context a command runs in. */
export interface AccessSubject {
  login: string;
  /** The issue or PR author, when the command is on one. */
  authorLogin?: string;
  /** OWNERS approvers that apply (of the changed files, or of the area); the OWNERS engine provides them. */
  ownersApprovers?: readonly string[];
  /** The command being checked, as typed (`/notify-owners`), so a refusal can name it. */
  command?: string;
}
