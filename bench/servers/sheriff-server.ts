/**
 * Sheriff under benchmark, in its own process: the real server, pipeline and plugins, talking to
 * the GitHub double named by GITHUB_API_URL. Reports {"listening": url} and, per event whose
 * plugins have finished (so after its last GitHub write), {"h": deliveryId, "t": epochMs}.
 */
import { createSheriff } from '../../src/app/create-sheriff.js';
import { createLogger } from '../../src/logging/logger.js';
import { readSettings } from '../../src/settings/read-settings.js';

const settings = readSettings(process.env);
const out: string[] = [];
const flush = () => {
  if (out.length > 0) process.stdout.write(out.splice(0).join(''));
};
setInterval(flush, 20).unref();

const sheriff = await createSheriff({
  settings,
  log: createLogger(settings.logLevel),
  schedulerTickMs: 3_600_000,
  wrapEventHandler: (inner) => async (event, context) => {
    await inner(event, context);
    out.push(`${JSON.stringify({ h: event.deliveryId, t: performance.timeOrigin + performance.now() })}\n`);
  },
});
process.stdout.write(`${JSON.stringify({ listening: await sheriff.listen() })}\n`);
process.on('SIGTERM', () => {
  void sheriff.stop().then(() => {
    flush();
    process.exit(0);
  });
});
