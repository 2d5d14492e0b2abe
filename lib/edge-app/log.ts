/**
 * JSON-lines logging. Greengrass captures a component's stdout/stderr into its log file, which the log
 * manager uploads to CloudWatch Logs; one JSON object per line keeps the dashboard's Logs Insights query
 * (`"level":"error"`) and any search simple.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** Writes `{"time","level","message",...fields}` lines; errors and warnings to `err`, the rest to `out`. */
export function jsonLogger(out: (line: string) => void, err: (line: string) => void = out, now: () => Date = () => new Date()): Logger {
  return {
    log(level, message, fields = {}) {
      const line = JSON.stringify({ time: now().toISOString(), level, message, ...fields });
      (level === 'error' || level === 'warn' ? err : out)(line);
    },
  };
}

/** A logger that keeps lines in memory (tests, and the stdio mode where stdout carries messages). */
export class MemoryLogger implements Logger {
  public readonly lines: { level: LogLevel; message: string; fields: Readonly<Record<string, unknown>> }[] = [];

  log(level: LogLevel, message: string, fields: Readonly<Record<string, unknown>> = {}): void {
    this.lines.push({ level, message, fields });
  }

  at(level: LogLevel): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }
}
