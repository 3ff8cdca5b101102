/** Structured JSON logs (pino). Tokens and cookies are redacted wherever they appear. */
import pino, { type Logger } from 'pino';

/** Log lines are written in batches of about this many bytes, and at least every second. */
const BATCH_BYTES = 4096;
const FLUSH_EVERY_MS = 1000;

/**
 * A logger writing to `destination` (a file path or descriptor; default stdout). Lines are
 * buffered and written asynchronously in batches (a write system call per line would cost more
 * than most requests), flushed every second and when the process exits.
 */
export function createLogger(level: string, destination: string | number = 1): Logger {
  const stream = pino.destination({ dest: destination, sync: false, minLength: BATCH_BYTES });
  const timer = setInterval(() => {
    try {
      stream.flush();
    } catch {
      // Not ready yet, or already closed: the next tick or the exit flush writes the lines.
    }
  }, FLUSH_EVERY_MS);
  timer.unref();
  return pino(
    {
      level,
      base: { service: 'rooms-partner-hub' },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          '*.accessToken',
          'accessToken',
          'token',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream
  );
}
