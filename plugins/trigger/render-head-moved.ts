/**
 * The reply when a PR's head moved after the command was written: the command was meant for the
 * commit the commenter saw, so Sheriff runs nothing on a newer one it has not been asked about.
 *
 * @example
 * headMovedMessage('abc1234000', 'def5678000');
 * // 'this PR moved from abc1234 to def5678 after your comment, so nothing was run or cleared. Look at the new commits and ask again.'
 */
export function headMovedMessage(seenSha: string, headSha: string): string {
  return `this PR moved from ${seenSha.slice(0, 7)} to ${headSha.slice(0, 7)} after your comment, so nothing was run or cleared. Look at the new commits and ask again.`;
}
