/**
 * The load generator of the HTTP bench in its own process (plain JavaScript, started with
 * fork), so it does not share the server's event loop: autocannon against
 * one route, cycling through the given paths and bodies (one per request, round robin).
 * Receives a LoadJob as its first message and sends back a LoadResult (see http.bench.ts).
 */
import autocannon from 'autocannon';

process.once('message', (job) => run(job));

function run(job) {
  let n = 0;
  // Like a browser: a content type only with a body.
  const headers = job.bodies ? { 'content-type': 'application/json' } : {};
  if (job.token) headers.authorization = `Bearer ${job.token}`;

  const instance = autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    requests: [
      {
        method: job.method,
        headers,
        setupRequest: (req) => {
          const i = n++;
          const body = job.bodies?.[i % job.bodies.length];
          return {
            ...req,
            path: job.paths[i % job.paths.length],
            ...(body === undefined ? {} : { body }),
          };
        },
      },
    ],
  });
  instance.on('done', (r) => {
    process.send(
      {
        requestsPerSecond: r.requests.total / job.seconds,
        p50: r.latency.p50,
        p99: r.latency.p99,
        total: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
      },
      () => process.exit(0)
    );
  });
}
