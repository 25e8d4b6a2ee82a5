// What the HTTP benchmarks share: autocannon over a list of paths, its figures, and a server in a child process
// (so autocannon never shares the server's event loop, which alone halves its throughput).
import { fork } from 'node:child_process';
import autocannon from 'autocannon';

/** Loads `url` with `connections` clients for `durationS` seconds, cycling through `paths`. */
export function load(url, paths, { connections, durationS }) {
  let next = 0;
  return autocannon({
    url,
    connections,
    duration: durationS,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
}

/** The figures a benchmark reports of one autocannon result. */
export function figuresOf(result) {
  return {
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    completed: result.requests.total,
  };
}

/** True when a load finished requests, all of them 2xx, with no errors or timeouts (autocannon reports p99 0 else). */
export function isClean(figures) {
  return figures.completed > 0 && figures.non2xx === 0 && figures.errors === 0 && figures.timeouts === 0;
}

/**
 * Forks `file` with `args` (and `execArgv`), sends it `message`, and resolves to the first message it sends back
 * plus `stop()`, which asks it to close and waits for it to exit. The child answers with `serveChild`.
 */
export function forkServer(file, message, { args = ['--serve'], execArgv = [] } = {}) {
  const child = fork(file, args, { execArgv, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once('message', (reply) => {
      child.removeAllListeners('exit');
      resolve({
        ...reply,
        stop: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.send({ stop: true });
          }),
      });
    });
    child.send(message);
  });
}

/**
 * The child's side of forkServer: waits for the parent's message, runs `start(message)` (which resolves to what to
 * send back and a `close()`), and exits after closing when the parent asks it to stop.
 */
export async function serveChild(start) {
  const message = await new Promise((resolve) => process.once('message', resolve));
  const { reply, close } = await start(message);
  process.send(reply);
  process.once('message', async () => {
    await close();
    process.exit(0);
  });
}
