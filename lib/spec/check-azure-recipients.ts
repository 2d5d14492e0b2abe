/**
 * What Azure cannot deliver of `monitoring.recipients` (and of each environment's override): Slack and Teams are AWS
 * Chatbot channels, which Azure Monitor action groups cannot reach, and on Azure the PagerDuty key is a Key Vault
 * secret named `<resource group>/<vault>/<secret>` (lib/azure/alert-routing.ts explains both). Problems are collected.
 */
import type { InputProblem, ProblemCollector } from '../errors';
import type { AlarmRecipientsSpec } from './monitoring-types';

/** A Key Vault secret named by resource group, vault and secret (never its value). */
export interface AzureKeyVaultSecretRef {
  readonly resourceGroup: string;
  readonly vaultName: string;
  readonly secretName: string;
}

/**
 * Resource group (1-90 letters, digits, `._-()`), vault (3-24 letters, digits and `-`, letter first) and secret
 * (1-127 letters, digits and `-`) names, as Azure allows them (learn.microsoft.com/azure/azure-resource-manager/
 * management/resource-name-rules, Microsoft.KeyVault, read 2026-12-03).
 */
const AZURE_SECRET_REF = /^([\w.()-]{1,90})\/([a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9])\/([a-zA-Z0-9-]{1,127})$/;

/** Reads `<resource group>/<vault>/<secret>`; `undefined` when the text is not of that form. */
export function parseAzureSecretRef(text: string): AzureKeyVaultSecretRef | undefined {
  const m = AZURE_SECRET_REF.exec(text);
  return m ? { resourceGroup: m[1]!, vaultName: m[2]!, secretName: m[3]! } : undefined;
}

/**
 * What Azure cannot deliver of a recipients section written at `prefix` (e.g. `monitoring.recipients`,
 * `environments.prod.monitoring.recipients`): Slack and Teams channels, and a PagerDuty secret not named as a
 * Key Vault secret. Collected, never thrown.
 */
export function azureRecipientProblems(prefix: string, recipients: AlarmRecipientsSpec | undefined): InputProblem[] {
  if (recipients === undefined) return [];
  const problems: InputProblem[] = [];
  for (const kind of ['slack', 'teams'] as const) {
    const channels = recipients[kind];
    if (channels !== undefined && channels.length > 0) {
      problems.push({
        field: `${prefix}.${kind}`, value: channels,
        message: `${kind === 'slack' ? 'Slack' : 'Teams'} channels are AWS Chatbot channels; Azure Monitor action groups have no ${kind === 'slack' ? 'Slack' : 'Teams'} receiver`,
        fix: `remove ${prefix}.${kind} for Azure targets and list the channel's e-mail address in ${prefix}.emails (Slack and Teams can give a channel one), or page through pagerDutyIntegrationKeySecret`,
      });
    }
  }
  const pd = recipients.pagerDutyIntegrationKeySecret;
  if (typeof pd === 'string' && parseAzureSecretRef(pd) === undefined) {
    problems.push({
      field: `${prefix}.pagerDutyIntegrationKeySecret`, value: pd,
      message: 'on Azure must name a Key Vault secret as <resource group>/<vault>/<secret>, never the key or URL itself',
      fix: 'az keyvault secret set --vault-name <vault> --name <secret> --value <integration key>, then give <resource group>/<vault>/<secret>',
    });
  }
  return problems;
}

/** Adds the Azure problems of the spec's recipients and of every environment's recipients to `p`. */
export function checkAzureRecipients(p: ProblemCollector, spec: { readonly monitoring?: unknown; readonly environments?: unknown }): void {
  const recipientsOf = (monitoring: unknown) => (monitoring !== null && typeof monitoring === 'object' ? (monitoring as { recipients?: unknown }).recipients : undefined);
  const sections: [string, unknown][] = [['monitoring.recipients', recipientsOf(spec.monitoring)]];
  if (spec.environments !== null && typeof spec.environments === 'object') {
    for (const [name, env] of Object.entries(spec.environments as Record<string, unknown>)) {
      sections.push([`environments.${name}.monitoring.recipients`, recipientsOf((env as { monitoring?: unknown } | null)?.monitoring)]);
    }
  }
  for (const [prefix, recipients] of sections) {
    // Shape errors are checkAlarmRecipients' to report; only well-formed sections are read here.
    if (recipients === null || typeof recipients !== 'object' || Array.isArray(recipients)) continue;
    for (const x of azureRecipientProblems(prefix, recipients as AlarmRecipientsSpec)) p.add(x.field, x.value, x.message, x.fix);
  }
}
