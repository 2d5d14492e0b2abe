/**
 * The AWS SDK for JavaScript v3 is part of the Lambda Node.js 18+ runtimes
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html, read 2025-06), so the bundle leaves
 * `@aws-sdk/*` external and loads the clients at run time. Only the operations the handler calls are
 * typed here, structurally.
 */

/** An SDK v3 client: `send(new XxxCommand(input))`. */
export interface SdkClient {
  send(command: unknown): Promise<Record<string, unknown>>;
}

export type CommandConstructor = new (input: Record<string, unknown>) => unknown;
export type ClientConstructor = new (config?: Record<string, unknown>) => SdkClient;

/**
 * Loads an SDK v3 package provided by the Lambda runtime.
 * @throws Error explaining that the package is only present in Lambda (or must be installed for local runs)
 */
export function loadSdkPackage<T>(name: string): T {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name) as T;
  } catch (e) {
    throw new Error(`${name} is not available: it ships with the Lambda Node.js runtime; install it to run outside Lambda (${(e as Error).message})`);
  }
}
