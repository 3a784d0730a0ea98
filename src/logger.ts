import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * JSON logs to stderr (stdout belongs to the CLI's answer). Secrets are redacted by path wherever
 * they could appear; message texts are logged only at debug level by the callers.
 */
export function createLogger(options: { level: string; name?: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      name: options.name ?? 'riskxpert',
      level: options.level,
      redact: {
        paths: ['apiKey', '*.apiKey', 'token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'password', '*.password'],
        censor: '[redacted]',
      },
    },
    options.destination ?? pino.destination(2),
  );
}

export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
