import { startBootServer } from '../../server/boot-server.js';
import { createSheriff, type Sheriff } from '../../app/create-sheriff.js';
import { createLogger } from '../../logging/logger.js';
import { describeMissingSettings, readSettings } from '../../settings/read-settings.js';

/** `sheriff start` (and `npm start`): the webhook receiver, the worker and the scheduler. */
export async function runStart(): Promise<void> {
  const settings = readSettings(process.env);
  const log = createLogger(settings.logLevel);
  for (const missing of describeMissingSettings(settings)) log.warn(`not configured: ${missing}`);

  // Take the port first: /healthz answers while the store opens (seconds for PGlite).
  const boot = await startBootServer({ port: settings.port, host: settings.host });
  log.info({ url: boot.url }, 'listening; opening the store');
  let sheriff: Sheriff;
  try {
    sheriff = await createSheriff({ settings, log, boot });
  } catch (error) {
    await boot.close();
    throw error;
  }
  const url = await sheriff.listen();
  log.info({ url, store: sheriff.store.description }, 'Sheriff is listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight work');
    try {
      await sheriff.stop();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
