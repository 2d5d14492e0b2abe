/** Flags of `aimd synth`, apart from the command so that `aimd --help` does not load every engine. */
import type { CommandSpec } from './args';

export const SYNTH_COMMAND: CommandSpec = {
  name: 'synth',
  summary: 'Synthesize every blueprint for every engine (CDK, Terraform via cdktf, Pulumi, plain Kubernetes) offline into out/, validate it and print the review table.',
  usage: 'aimd synth [--blueprint <name>]... [--spec <file|folder>]... [--environment <name>] [--engine <cdk|terraform|pulumi|kubernetes>]... [--out <dir>]',
  flags: [
    { name: 'spec', type: 'string', value: '<file|folder>', multiple: true, description: 'Also (or only) your own deployment spec files, each a stack named after its spec\'s name (repeatable; a folder adds its *.yaml, *.yml, *.json).' },
    { name: 'environment', type: 'string', value: '<name>', description: 'Render each --spec for this environment of the spec (its overrides applied, named <name>-<environment>; docs/environments.md).' },
    { name: 'blueprint', type: 'string', value: '<name>', multiple: true, description: 'Only this blueprint (repeatable; default: all, see `aimd blueprints`).' },
    { name: 'engine', type: 'string', value: '<engine>', multiple: true, description: 'Only this engine: cdk | terraform | pulumi | kubernetes (repeatable; default: all).' },
    { name: 'out', type: 'string', value: '<dir>', description: 'Output folder (default out).' },
    { name: 'no-security-checks', type: 'boolean', description: 'Skip cdk-nag and cfn-guard (faster; for local iteration only).' },
    { name: 'no-bundling', type: 'boolean', description: 'Do not bundle Lambda code with esbuild.' },
    { name: 'json', type: 'boolean', description: 'Print out/summary.json instead of the table.' },
  ],
  examples: ['aimd synth', 'aimd synth --blueprint llm-eks --engine cdk', 'aimd synth --spec my-model.yaml --engine terraform', 'aimd synth --spec my-model.yaml --environment prod', 'npm start'],
};

export interface CommandResult {
  readonly output: string;
  readonly exitCode: number;
}
