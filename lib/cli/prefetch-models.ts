/**
 * Fetches the Hugging Face models that `--spec` files or `--model` name into the local cache before a
 * synchronous command plans them (planning itself stays pure and offline). Catalogue ids, configPath
 * models and unreadable specs are left to the command's own checks, which report them with positions.
 */
import { prefetchModelsForSpec } from '../catalogue/hub';
import { loadSpecFile } from '../spec/load-file';
import { specFilesOf } from './spec-paths';

/** What a command's flags say about models: the `--spec` paths, a `--model` id and `--offline`. */
export interface ModelFlags {
  readonly spec?: unknown;
  readonly model?: unknown;
  readonly offline?: unknown;
}

/** @throws HubError | HuggingFaceConfigError when a Hub model cannot be fetched (exit 2 in the CLI) */
export async function prefetchModelsOfFlags(values: ModelFlags): Promise<void> {
  const options = values.offline === true ? { offline: true } : {};
  const raw = values.spec;
  const paths = raw === undefined ? [] : Array.isArray(raw) ? (raw as string[]) : [raw as string];
  const files = paths.length > 0 ? specFilesOf(paths) : [];
  for (const file of files) {
    let spec;
    try {
      spec = loadSpecFile(file).spec;
    } catch {
      continue; // the command reports the file's problems with line and column
    }
    await prefetchModelsForSpec(spec, options);
  }
  if (typeof values.model === 'string') await prefetchModelsForSpec({ model: { id: values.model } }, options);
}
