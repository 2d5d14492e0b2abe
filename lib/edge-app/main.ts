/**
 * Entry point of the edge inference app (bundled to `main.js` and run by the component's Run step).
 *
 *   node main.js --model model.onnx --threshold 3 --input-topic ... [--pubsub stdio]
 *
 * Exit codes: 0 after SIGTERM/SIGINT (Greengrass stopping the component) or the end of stdin (stdio
 * mode); 1 when the model cannot be loaded (the deployment then rolls back); 2 for a bad configuration.
 */
import { readFile } from 'node:fs/promises';
import { parseEdgeAppArgs, type EdgeAppConfig } from './config';
import { GreengrassIpcPubSub, loadGreengrassIpcSdk } from './greengrass-ipc';
import { jsonLogger } from './log';
import { runEdgeApp } from './run-edge-app';
import { loadBundledOnnxRuntime } from './runtime';
import { StdioPubSub } from './stdio-pubsub';

async function main(): Promise<number> {
  const stderr = (line: string) => void process.stderr.write(`${line}\n`);
  let config: EdgeAppConfig;
  try {
    config = parseEdgeAppArgs(process.argv.slice(2));
  } catch (error) {
    jsonLogger(stderr).log('error', (error as Error).message);
    return 2;
  }
  // In stdio mode stdout carries the messages, so logs go to stderr only.
  const logger = config.pubsub === 'stdio' ? jsonLogger(stderr) : jsonLogger((line) => void process.stdout.write(`${line}\n`), stderr);
  const stdio = config.pubsub === 'stdio' ? new StdioPubSub(process.stdin, (line) => void process.stdout.write(line)) : undefined;
  let ipc: GreengrassIpcPubSub | undefined;
  try {
    ipc = stdio ? undefined : await GreengrassIpcPubSub.connect(loadGreengrassIpcSdk(config.ipcSdkDir), logger);
  } catch (error) {
    logger.log('error', 'cannot connect to Greengrass IPC', { error: (error as Error).message });
    return 1;
  }
  const started = await runEdgeApp({
    config,
    pubsub: (stdio ?? ipc)!,
    cloud: (stdio ?? ipc)!,
    logger,
    readModel: async (path) => new Uint8Array(await readFile(path)),
    // The WebAssembly binary ships next to the bundle (see bundle.ts).
    loadRuntime: () => loadBundledOnnxRuntime(__dirname),
  });
  if (!started.ok) {
    await ipc?.close();
    return 1;
  }
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
    void stdio?.ended().then(resolve);
  });
  await started.service.stop();
  await started.model.release();
  await ipc?.close();
  return 0;
}

main().then(
  (code) => {
    // Let stdout drain and handles close; force the exit only if something keeps the loop alive.
    process.exitCode = code;
    setTimeout(() => process.exit(code), 2000).unref();
  },
  (error: Error) => {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', message: 'edge app crashed', error: error.stack ?? error.message })}\n`);
    process.exit(1);
  },
);
