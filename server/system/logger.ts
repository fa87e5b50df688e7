import pino, { type Logger } from 'pino';

export interface LogSettings {
  level: string;
  /** json for machines (journald, a collector), pretty for people; default: pretty on a terminal. */
  format: 'json' | 'pretty';
  /** A file to write JSON to, rotated daily and at 50 MB, 14 files kept; none: standard output. */
  file?: string;
}

/**
 * What never reaches the log, wherever it would sit in a logged object: credentials, PINs,
 * passwords, tokens, card numbers and codes. Messages are written so as not to carry them, and
 * requests are logged by route pattern, not URL (server/http/activity-log.ts).
 */
export const REDACTED_PATHS = [
  'pin', 'password', 'token', 'secret', 'cardNumber', 'approvalPin', 'authorization', 'cookie',
  '*.pin', '*.password', '*.token', '*.secret', '*.cardNumber', '*.approvalPin', '*.authorization', '*.cookie',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
];

/** The server's logger (Fastify's pino), as the settings say. */
export async function createLogger(settings: LogSettings): Promise<Logger> {
  const options = { level: settings.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (settings.file) {
    return pino(options, pino.transport({ target: 'pino-roll', options: { file: settings.file, frequency: 'daily', size: '50m', limit: { count: 14 }, mkdir: true } }));
  }
  if (settings.format === 'pretty') {
    // Loaded only for people at a terminal: a service's start does without it.
    const { default: pretty } = await import('pino-pretty');
    return pino(options, pretty({ colorize: process.stdout.isTTY, translateTime: 'SYS:yyyy-mm-dd HH:MM:ss', ignore: 'pid,hostname', sync: true }));
  }
  return pino(options);
}
