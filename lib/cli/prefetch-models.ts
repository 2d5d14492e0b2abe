/**
 * Fetches the Hugging Face models that `--spec` files or `--model` name into the local cache before a
 * synchronous command plans them (planning itself stays pure and offline). Catalogue ids, configPath
 * models and unreadable specs are left to the command's own checks, which report them with positions.
 */
import { prefetchModelsForSpec } from '../catalogue/hub';
import { loadSpecFile } from '../spec/load-file';
import { SpecFileError } from '../spec/spec-file-error';
import { modelInputProblem } from './model-input-problem';
import { specFilesOf } from './spec-paths';

/** What a command's flags say about models: the `--spec` paths, a `--model` id and `--offline`. */
export interface ModelFlags {
  readonly spec?: unknown;
  readonly model?: unknown;
  readonly offline?: unknown;
}

/**
 * @throws SpecFileError naming a spec's model.id (line and column) when its Hub model cannot be fetched
 * @throws HubError | HuggingFaceConfigError when `--model`'s Hub model cannot be fetched (exit 2 in the CLI)
 */
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
    try {
      await prefetchModelsForSpec(spec, options);
    } catch (error) {
      // Pinned to the spec's model.id, with its line and column, like the command's own problems.
      const problem = modelInputProblem(error, 'model.id', spec.model?.id);
      if (!problem) throw error;
      throw new SpecFileError(file, loadSpecFile(file).locate([problem]));
    }
  }
  if (typeof values.model === 'string') await prefetchModelsForSpec({ model: { id: values.model } }, options);
}
