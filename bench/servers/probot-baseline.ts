/**
 * The baseline: a Probot 14 app with a no-op handler behind Probot's own Node middleware (verify,
 * parse, dispatch, answer after handlers), as perf-rel 6.3 measured it.
 */
import { createServer } from 'node:http';
import { createNodeMiddleware, Probot } from 'probot';

const probot = new Probot({
  appId: 1,
  privateKey: 'unused: the no-op handler never calls GitHub',
  secret: process.env.WEBHOOK_SECRET ?? '',
  logLevel: 'fatal',
});
const middleware = await createNodeMiddleware(
  (app) => {
    app.onAny(async () => {});
  },
  { probot, webhooksPath: '/api/github/webhooks' },
);
const server = createServer((request, response) => {
  void Promise.resolve(middleware(request, response)).then((handled) => {
    if (handled === false) {
      response.statusCode = 404;
      response.end();
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ listening: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
