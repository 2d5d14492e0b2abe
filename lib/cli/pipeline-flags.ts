/** Flags of `aimd pipeline`, apart from the command so that `aimd --help` loads neither ajv nor the workflow schema. */
import type { CommandSpec } from './args';

export const PIPELINE_COMMAND: CommandSpec = {
  name: 'pipeline',
  summary: 'Write a GitHub Actions workflow that plans, deploys to staging, then (approved) to production.',
  usage: 'aimd pipeline github --spec <file|blueprint> [--engine cdk|terraform|pulumi] [--out <dir>]',
  flags: [
    { name: 'spec', type: 'string', value: '<file|blueprint>', description: 'Spec file (YAML/JSON) in this repository, or a blueprint name (see `aimd blueprints`).' },
    { name: 'engine', type: 'string', value: '<engine>', description: 'cdk | terraform | pulumi (default cdk).' },
    { name: 'out', type: 'string', value: '<dir>', description: 'Folder of the workflow file (default .github/workflows).' },
  ],
  examples: ['aimd pipeline github --spec llm-eks', 'aimd pipeline github --spec specs/my-model.yaml --engine terraform'],
};
