import type { NotificationSettings } from './notification-settings.js';

/** A `fetch` as Slack's clients and the outgoing webhook sender call it. */
export type NotificationFetch = typeof globalThis.fetch;

/**
 * What sending needs from the process, not from a repository: destinations and secrets
 * (settings), and how to reach them (`fetch`: the network, or a recorder under `sheriff simulate`).
 */
export interface NotificationTransport {
  settings: NotificationSettings;
  fetch?: NotificationFetch;
  /** Retries Slack's clients make within one job attempt (the job queue retries beyond that). */
  slackRetries?: number;
}
