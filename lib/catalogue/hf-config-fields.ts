/**
 * Typed access to the keys of a Hugging Face config.json that records every missing or mistyped key,
 * so that a reader can report all problems at once.
 */

/** Typed access to config keys that records a problem for every missing or mistyped one. */
export class ConfigFields {
  public readonly problems: string[] = [];

  constructor(private readonly values: Record<string, unknown>, private readonly label: string) {}

  raw(key: string): unknown {
    return this.values[key];
  }

  problem(message: string): void {
    this.problems.push(`${this.label}: ${message}`);
  }

  string(key: string): string | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) {
      this.problem(`'${key}' is missing (expected a string)`);
      return undefined;
    }
    if (typeof value !== 'string' || value.length === 0) {
      this.problem(`'${key}' must be a non-empty string (got ${describe(value)})`);
      return undefined;
    }
    return value;
  }

  positiveInt(key: string): number | undefined {
    if (this.values[key] === undefined || this.values[key] === null) {
      this.problem(`'${key}' is missing (expected a positive integer)`);
      return undefined;
    }
    return this.optionalPositiveInt(key);
  }

  optionalPositiveInt(key: string): number | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      this.problem(`'${key}' must be a positive integer (got ${describe(value)})`);
      return undefined;
    }
    return value;
  }

  optionalNonNegativeInt(key: string): number | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      this.problem(`'${key}' must be a non-negative integer (got ${describe(value)})`);
      return undefined;
    }
    return value;
  }

  firstPositiveInt(keys: readonly string[]): number | undefined {
    const key = keys.find((k) => this.values[k] !== undefined && this.values[k] !== null);
    return key === undefined ? undefined : this.optionalPositiveInt(key);
  }

  optionalBoolean(key: string): boolean | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'boolean') {
      this.problem(`'${key}' must be a boolean (got ${describe(value)})`);
      return undefined;
    }
    return value;
  }

  optionalStringArray(key: string): readonly string[] | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      this.problem(`'${key}' must be an array of strings (got ${describe(value)})`);
      return undefined;
    }
    return value as string[];
  }
}

/** Top-level keys overlaid with the non-null keys of a nested `text_config`, if any. */
export function withTextConfig(config: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...config };
  if (isObject(config.text_config)) {
    for (const [key, value] of Object.entries(config.text_config)) {
      if (value !== undefined && value !== null) {
        merged[key] = value;
      }
    }
  }
  return merged;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as it appears in JSON, shortened: `"8"`, `-1`, `null`, `[...]`. */
export function describe(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 37)}...` : json;
}
