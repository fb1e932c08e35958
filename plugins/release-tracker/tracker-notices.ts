import type { NoticeIssue, NoticeKind, ReleaseNotice } from '../../src/notifications/release-notice.js';
import type { StormJob } from './decide-storm.js';
import type { TrackerPlan } from './tracker-action.js';
import type { Episode, TrackerState, TrackingIssueRef } from './tracker-state.js';

/** The tracking issue's address for messages (GitHub's web URL form). */
export function noticeIssueOf(issue: TrackingIssueRef, webUrl = 'https://github.com'): NoticeIssue {
  return {
    repository: issue.repository,
    number: issue.number,
    url: `${webUrl}/${issue.repository}/issues/${issue.number}`,
  };
}

/**
 * One notice about a key's episode: its key, episode, routing, stage, failures, issue and logs
 * taken from the tracker state, so every producer (the tracker, /ack, /retest-release) threads
 * its messages the same way. The id is `<key>#<episode>/<kind>/<discriminator>`: stable across
 * retries of the work that produced it.
 */
export function episodeNotice(
  key: string,
  state: Pick<TrackerState, 'repository' | 'job' | 'consecutiveFailures'>,
  ep: Episode,
  notice: {
    kind: NoticeKind;
    discriminator: string | number;
    summary: string;
    at: string;
    issue?: TrackingIssueRef | null;
  },
): ReleaseNotice {
  const tracked = notice.issue ?? ep.issue;
  return {
    id: `${key}#${ep.firstFailure.runId}/${notice.kind}/${notice.discriminator}`,
    kind: notice.kind,
    trackingKey: key,
    episode: ep.firstFailure.runId,
    repository: state.repository,
    job: state.job,
    area: ep.routing?.area ?? null,
    severity: ep.routing?.severity ?? 'warning',
    stage: ep.stage,
    failures: state.consecutiveFailures,
    issue: tracked ? noticeIssueOf(tracked) : null,
    logsUrl: ep.lastFailure.url,
    owners: ep.routing?.owners.map((owner) => owner.handle) ?? [],
    summary: notice.summary,
    at: notice.at,
  };
}

/**
 * The notices a reconciliation's plan means, pure: an opened issue, a recovery, a stage change, a
 * reminder (an escalation), a failure after a person's action. Edits of the status block alone are
 * not news and give none.
 *
 * @example
 * trackerNotices(key, previousState, plan, now).map((notice) => notice.kind); // ['opened']
 */
export function trackerNotices(
  key: string,
  previous: TrackerState,
  plan: TrackerPlan,
  now: string,
  issue: TrackingIssueRef | null,
): ReleaseNotice[] {
  const notices: ReleaseNotice[] = [];
  const episode = plan.next.episode ?? previous.episode;
  if (!episode) return notices;
  const base = (kind: NoticeKind, discriminator: string | number, summary: string, ep: Episode) =>
    episodeNotice(key, plan.next, ep, { kind, discriminator, summary, at: now, issue });
  for (const event of plan.events) {
    if (event.type === 'opened' && plan.next.episode) {
      notices.push(base('opened', 0, `${plan.next.job} is failing`, plan.next.episode));
    } else if (event.type === 'ended' && previous.episode?.issue) {
      const resolved = base('resolved', 0, `${plan.next.job} recovered`, previous.episode);
      notices.push({ ...resolved, failures: 0 });
    }
  }
  for (const action of plan.actions) {
    if (action.type !== 'comment' || !plan.next.episode) continue;
    const ep = plan.next.episode;
    if (action.kind === 'stage')
      notices.push(
        base(
          'stage-changed',
          ep.stage ?? 'unknown',
          `${plan.next.job} now fails at ${ep.stage ?? 'an unknown stage'}`,
          ep,
        ),
      );
    else if (action.kind === 'reminder')
      notices.push(
        base(
          'escalated',
          plan.next.consecutiveFailures,
          `${plan.next.job} has failed ${plan.next.consecutiveFailures} times in a row`,
          ep,
        ),
      );
    else if (action.kind === 'after-human')
      notices.push(base('updated', plan.next.consecutiveFailures, `${plan.next.job} failed again`, ep));
  }
  return notices;
}

/**
 * The notice a person's `/ack` or `/snooze` on the current episode's issue gives (reminders stop
 * or pause); none when the key has no open episode. A member of an unresolved storm passes its
 * `umbrella`: like the member's other notices, it is then not sent on its own.
 *
 * @example
 * humanMarkNotice(key, state, { kind: 'acknowledged', actor: 'kai-release' }, now, umbrella)?.umbrella;
 * // { repository: 'example-ack/community', number: 12, url: 'https://github.com/example-ack/community/issues/12' }
 */
export function humanMarkNotice(
  key: string,
  state: TrackerState,
  mark: { kind: 'acknowledged'; actor: string } | { kind: 'snoozed'; actor: string; until: string },
  now: string,
  umbrella: TrackingIssueRef | null = null,
): ReleaseNotice | null {
  const ep = state.episode;
  if (!ep?.issue) return null;
  const notice: ReleaseNotice = {
    ...episodeNotice(key, state, ep, {
      kind: mark.kind,
      discriminator: now,
      summary:
        mark.kind === 'acknowledged'
          ? `${mark.actor} is on ${state.job}`
          : `${mark.actor} snoozed ${state.job} until ${mark.until}`,
      at: now,
    }),
    actor: mark.actor,
    ...(umbrella ? { umbrella: noticeIssueOf(umbrella) } : {}),
  };
  return mark.kind === 'snoozed' ? { ...notice, snoozedUntil: mark.until } : notice;
}

/**
 * A storm's notice: its umbrella opened, gained members, or resolved. Its `trackingKey` is the
 * storm's key (one thread per storm), `members` the jobs listed.
 *
 * @example
 * stormNotice('storm-opened', storm, umbrella, members, now).summary;
 * // '31 release jobs of example-ack are failing at once'
 */
export function stormNotice(
  kind: 'storm-opened' | 'storm-updated' | 'storm-resolved',
  storm: { id: number; org: string; repository: string; key: string },
  umbrella: TrackingIssueRef,
  members: readonly StormJob[],
  now: string,
): ReleaseNotice {
  const failing = members.filter((member) => member.failing).length;
  const summary =
    kind === 'storm-resolved'
      ? `all ${members.length} release jobs of ${storm.org} pass again`
      : `${failing} release jobs of ${storm.org} are failing at once`;
  return {
    id: `${storm.key}/${kind}/${kind === 'storm-updated' ? members.length : 0}`,
    kind,
    trackingKey: storm.key,
    episode: String(storm.id),
    repository: storm.repository,
    job: `${members.length} release jobs`,
    area: null,
    severity: 'critical',
    stage: null,
    failures: failing,
    issue: noticeIssueOf(umbrella),
    logsUrl: null,
    owners: [],
    summary,
    members: members.map((member) => ({
      repository: member.repository,
      job: member.job,
      issue: member.issue ? noticeIssueOf(member.issue) : null,
    })),
    at: now,
  };
}
