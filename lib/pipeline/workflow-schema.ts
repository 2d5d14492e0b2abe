/**
 * Checks a workflow against SchemaStore's GitHub workflow JSON Schema (vendored in ./schema, see
 * schema/SOURCE.md), with ajv in draft-07 mode. Catches misspelled keys, wrong shapes and bad enums.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import type { WorkflowFinding } from './findings';
import githubWorkflowSchema from './schema/github-workflow.json';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // strict: false because the schema uses keywords ajv's strict mode rejects (e.g. `$comment` next to `$ref`,
  // unknown formats); allErrors so that one run reports every problem.
  compiled ??= new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(githubWorkflowSchema);
  return compiled;
}

/** Schema findings of a workflow object (parsed YAML); empty when valid. */
export function validateWorkflowSchema(workflow: unknown, file = 'workflow'): WorkflowFinding[] {
  const validate = validator();
  if (validate(workflow)) return [];
  return (validate.errors ?? []).map((e) => ({
    file,
    path: e.instancePath || '/',
    rule: `schema/${e.keyword}`,
    message: `${e.message ?? 'is invalid'}${e.params && Object.keys(e.params).length > 0 ? ` ${JSON.stringify(e.params)}` : ''}`,
  }));
}
