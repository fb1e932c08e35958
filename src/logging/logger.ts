import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths that may carry a credential in anything we log. pino replaces them before a line is
 * written, so a secret cannot leak through an error object or a request dump by accident.
 */
const REDACTED_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-hub-signature-256"]',
  'privateKey',
  '*.privateKey',
  'secret',
  '*.secret',
  'webhookSecrets',
  '*.webhookSecrets',
  'prowjobTokens',
  '*.prowjobTokens',
  'databaseUrl',
  '*.databaseUrl',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      name: 'sheriff',
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
    },
    destination,
  );
}
