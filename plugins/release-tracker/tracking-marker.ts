/**
 * The hidden markers that make a tracking issue findable and editable without a title match:
 * the identity marker (versioned, so a later format can still recognise old issues), the status
 * block Sheriff owns, and the marker of each Sheriff comment (so a retried delivery does not post
 * it twice).
 */

export const STATUS_START = '<!-- sheriff:status:start -->';
export const STATUS_END = '<!-- sheriff:status:end -->';

const IDENTITY = /<!-- sheriff:tracking v(\d+) key=(\S+) -->/;

/**
 * @example
 * trackingMarker('example-ack/lambda-controller/post-lambda-controller-release');
 * // '<!-- sheriff:tracking v1 key=example-ack/lambda-controller/post-lambda-controller-release -->'
 */
export function trackingMarker(key: string): string {
  return `<!-- sheriff:tracking v1 key=${key} -->`;
}

/**
 * The tracking key an issue body carries, whatever marker version wrote it.
 *
 * @example
 * trackingKeyIn('<!-- sheriff:tracking v1 key=acme/widgets/release -->\n...'); // 'acme/widgets/release'
 */
export function trackingKeyIn(body: string | null | undefined): string | undefined {
  return IDENTITY.exec(body ?? '')?.[2];
}

/** The status block with its markers around it. */
export function statusBlock(content: string): string {
  return `${STATUS_START}\n${content}\n${STATUS_END}`;
}

/**
 * Replaces the status block of a body, keeping every byte outside it (a person's edits). A body
 * that lost its block gets one appended; one that lost its identity marker gets it back on top.
 *
 * @example
 * spliceStatusBlock('intro\n<!-- sheriff:status:start -->\nold\n<!-- sheriff:status:end -->\nnotes', statusBlock('new'), key);
 * // 'intro\n<!-- sheriff:status:start -->\nnew\n<!-- sheriff:status:end -->\nnotes' (marker added first if missing)
 */
export function spliceStatusBlock(body: string | null, block: string, key: string): string {
  let text = body ?? '';
  const start = text.indexOf(STATUS_START);
  const end = start === -1 ? -1 : text.indexOf(STATUS_END, start);
  if (start !== -1 && end !== -1) {
    text = text.slice(0, start) + block + text.slice(end + STATUS_END.length);
  } else {
    text = text === '' ? block : `${text.replace(/\s+$/, '')}\n\n${block}`;
  }
  return trackingKeyIn(text) === key ? text : `${trackingMarker(key)}\n${text}`;
}

/**
 * The marker that opens each Sheriff comment on a tracking issue: one per run and kind.
 *
 * @example
 * commentMarker('acme/widgets/release', 'prow:release:42', 'recovery');
 * // '<!-- sheriff:tracking-comment v1 key=acme/widgets/release run=prow%3Arelease%3A42 kind=recovery -->'
 */
export function commentMarker(key: string, runId: string, kind: string): string {
  return `<!-- sheriff:tracking-comment v1 key=${key} run=${encodeURIComponent(runId)} kind=${kind} -->`;
}
