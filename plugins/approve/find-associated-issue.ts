/**
 * The issue a PR body references, as Prow's approve plugin finds it
 * (`associatedIssueRegexFormat` = `(?:<org>/[^/]+/issues/|\s#)(\d+)`): a link to an issue of the
 * same organisation, or `#123` after whitespace (so a body that *starts* with `#123` does not
 * count, as in Prow). `null` when there is none.
 *
 * @example
 * findAssociatedIssue('Fixes #42', 'acme'); // 42
 * findAssociatedIssue('See https://github.com/acme/tools/issues/7', 'acme'); // 7
 */
export function findAssociatedIssue(body: string | null | undefined, org: string): number | null {
  if (!body) return null;
  const pattern = new RegExp(`(?:${escapeRegExp(org)}/[^/]+/issues/|\\s#)(\\d+)`);
  const match = pattern.exec(body);
  return match ? Number(match[1]) : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
