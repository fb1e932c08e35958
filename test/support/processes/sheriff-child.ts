/**
 * A real Sheriff server in its own process, for crash tests. It reads its store from the usual
 * environment (DATABASE_URL or DATA_DIR) and reports on stdout, one JSON object a line:
 * {"listening": url}, {"handling": deliveryId}, {"handled": deliveryId}.
 * With HANG_ON_EVENT=1 every handler hangs forever, so the parent can kill it mid-work.
 */
import { createSheriff } from '../../../src/app/create-sheriff.js';
import { createLogger } from '../../../src/logging/logger.js';
import { readSettings } from '../../../src/settings/read-settings.js';

const report = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const settings = readSettings(process.env);
const sheriff = await createSheriff({
  settings,
  log: createLogger(settings.logLevel),
  schedulerTickMs: 60_000,
  handleEvent: async (event) => {
    report({ handling: event.deliveryId });
    if (process.env.HANG_ON_EVENT === '1') await new Promise(() => {});
    report({ handled: event.deliveryId });
  },
});
report({ listening: await sheriff.listen() });
process.on('SIGTERM', () => {
  void sheriff.stop().then(() => process.exit(0));
});
