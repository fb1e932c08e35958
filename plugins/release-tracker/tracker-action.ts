import type { TrackerCommentKind } from './render-tracker-comments.js';
import type { TrackerState, TrackingIssueRef } from './tracker-state.js';

/**
 * One change `reconcile` asks for on GitHub, fully rendered; the shell only carries it out. Each
 * is safe to repeat: labels are created only when missing, an issue carrying the key's marker is
 * reused instead of opening another, the status block is spliced (a no-op when unchanged), a
 * comment is skipped when one with its marker exists, closing a closed issue does nothing.
 */
export type TrackerAction =
  /** Create the labels the issue repository lacks (when `labels.create`). */
  | { readonly type: 'ensure-labels'; readonly repository: string; readonly labels: readonly string[] }
  /** Open the tracking issue, or adopt an open one that carries the key's marker. */
  | {
      readonly type: 'open-issue';
      readonly repository: string;
      readonly title: string;
      readonly body: string;
      readonly labels: readonly string[];
      readonly assignees: readonly string[];
    }
  /** Rewrite the status block of the issue body (the rest of the body is left as people wrote it). */
  | { readonly type: 'update-status'; readonly issue: TrackingIssueRef; readonly block: string }
  | {
      readonly type: 'comment';
      readonly issue: TrackingIssueRef;
      readonly kind: TrackerCommentKind;
      readonly body: string;
    }
  | { readonly type: 'close-issue'; readonly issue: TrackingIssueRef }
  /** Add labels to the issue (adding one it has already does nothing). */
  | { readonly type: 'add-labels'; readonly issue: TrackingIssueRef; readonly labels: readonly string[] };

/** What a reconciliation did beyond GitHub, for the episode table and the metrics. */
export type TrackerEvent =
  | { readonly type: 'opened'; readonly firstFailureRunId: string; readonly firstFailureAt: string | null }
  | {
      readonly type: 'ended';
      readonly firstFailureRunId: string;
      readonly by: 'recovery' | 'human';
      readonly fixingSha: string | null;
      /** From the first failure to the fixing run, by the runs' own times. */
      readonly brokenSeconds: number | null;
    }
  /** A person closed the issue while the job still failed. */
  | { readonly type: 'human-closed' };

/** The outcome of `reconcile`: the next state, the GitHub actions, and what happened. */
export interface TrackerPlan {
  readonly next: TrackerState;
  readonly actions: readonly TrackerAction[];
  readonly events: readonly TrackerEvent[];
  /** Why, in a few words (logs and tests). */
  readonly reason: string;
}
