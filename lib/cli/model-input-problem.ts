/**
 * The model errors a command can meet before its own checks (an unknown catalogue id, a Hugging Face
 * model that cannot be fetched, a config.json that cannot be read) as one problem naming the flag or
 * spec field, the value and a fix, so that `aimd` reports them like every other input problem.
 */
import type { InputProblem } from '../errors';

/** The flag a catalogue lookup's value comes from. */
const LOOKUP_FLAGS: Record<string, string> = { model: '--model', accelerator: '--accelerator', 'instance type': '--instance-type' };

/** What to do about each kind of Hub error (lib/catalogue/hub-http.ts HubErrorKind). */
const HUB_FIXES: Record<string, string> = {
  'not-found': 'check the id (org/name, as the Hub spells it) and HF_ENDPOINT',
  unauthorized: 'set HF_TOKEN to a token that may read the repository',
  forbidden: 'accept the model licence on the Hub with the account of HF_TOKEN',
  invalid: 'check HF_ENDPOINT, or describe the model with its config.json (--model-config, model.configPath in a spec)',
};

/** `message` on one line, without the list of known values a catalogue error carries. */
function oneLine(message: string): string {
  return message.replace(/ Known: [^]*?\.(?= |$)/, '').replace(/\s*\n\s*-?\s*/g, '; ').trim().replace(/\.$/, '');
}

/**
 * One problem for a model error, or undefined when `error` is not one.
 * @param field the flag (`--model`, `--model-config`) or spec field (`model.id`) the value came from;
 *   a catalogue error names its own flag when none is given
 */
export function modelInputProblem(error: unknown, field?: string, value?: unknown): InputProblem | undefined {
  const e = error as Error & { kind?: string; requested?: string; suggestion?: string; advice?: string };
  switch (e?.name) {
    case 'CatalogueLookupError':
      return {
        field: field ?? LOOKUP_FLAGS[e.kind ?? ''] ?? `(${e.kind})`, value: e.requested, message: `is not a known ${e.kind} of the catalogue`,
        fix: `${e.suggestion ? `did you mean '${e.suggestion}'? (see aimd catalogue)` : 'see aimd catalogue for the known values'}${e.advice ? `. ${e.advice}` : ''}`,
      };
    case 'HubError':
      return {
        field: field ?? '--model', value, message: `cannot be read from the Hugging Face Hub: ${oneLine(e.message)}`,
        fix: HUB_FIXES[e.kind ?? ''] ?? 'connect and run again (HF_ENDPOINT, HF_TOKEN), or describe the model with its config.json (--model-config, model.configPath in a spec)',
      };
    case 'HuggingFaceConfigError':
      return {
        field: field ?? '--model-config', value, message: `cannot be used: ${oneLine(e.message)}`,
        fix: 'point it at a Hugging Face config.json the planner can size (see docs/hugging-face-models.md)',
      };
    default:
      return undefined;
  }
}
