/**
 * The environments example deploys on every engine: staging and prod of
 * examples/specs/fraud-onnx-environments.yaml are rendered from the same file, each under
 * `<name>-<environment>` in its own account, with no error finding; prod's recipients are subscribed.
 */
import { join } from 'node:path';
import { blueprintForSpecFile } from '../../blueprints/from-spec';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';

const FILE = join(__dirname, '..', '..', 'examples', 'specs', 'fraud-onnx-environments.yaml');

describe('examples/specs/fraud-onnx-environments.yaml, environment prod, on every engine', () => {
  let prod: RenderedBlueprint;
  beforeAll(async () => {
    prod = await renderBlueprint(blueprintForSpecFile(FILE, 'prod'));
  }, 300_000);

  test('THEN no engine reports an error finding', () => {
    expect(prod.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('THEN each engine subscribes prod\'s recipients to the alarm topic: e-mail, PagerDuty from its secret, Slack through AWS Chatbot', () => {
    const cfn = Object.values(prod.cdk.template.Resources as Record<string, { Type: string; Properties: any }>);
    const subscriptions = cfn.filter((r) => r.Type === 'AWS::SNS::Subscription').map((r) => r.Properties);
    expect(subscriptions).toEqual(expect.arrayContaining([
      expect.objectContaining({ Protocol: 'email', Endpoint: 'oncall@example.com' }),
      expect.objectContaining({ Protocol: 'https', Endpoint: 'https://events.pagerduty.com/integration/{{resolve:secretsmanager:fraud-onnx/pagerduty-integration-key:SecretString:::}}/enqueue' }),
    ]));
    // prod's recipients replace the spec's: the base e-mail is not paged in prod.
    expect(JSON.stringify(subscriptions)).not.toContain('ml-team@example.com');
    expect(cfn.filter((r) => r.Type === 'AWS::Chatbot::SlackChannelConfiguration').map((r) => r.Properties)).toEqual([
      expect.objectContaining({ SlackWorkspaceId: 'T0123ABCD', SlackChannelId: 'C0123ABCD', ConfigurationName: 'fraud-onnx-env-prod-alarms-slack-0', LoggingLevel: 'ERROR' }),
    ]);

    const tf = prod.terraform.json;
    expect(Object.values(tf.resource.aws_sns_topic_subscription).map((s: any) => s.protocol).sort()).toEqual(['email', 'https']);
    expect(Object.values(tf.data.aws_secretsmanager_secret_version)).toEqual([expect.objectContaining({ secret_id: 'fraud-onnx/pagerduty-integration-key' })]);
    expect(Object.values(tf.resource.aws_chatbot_slack_channel_configuration)).toEqual([expect.objectContaining({ slack_team_id: 'T0123ABCD', slack_channel_id: 'C0123ABCD' })]);

    const types = prod.pulumi.resources.map((r) => r.type);
    expect(types.filter((t) => t === 'aws:sns/topicSubscription:TopicSubscription')).toHaveLength(2);
    expect(types).toContain('aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration');
  });

  test('THEN it is named after the environment and planned in its region and account', () => {
    expect(prod.name).toBe('fraud-onnx-env-prod');
    expect(prod.plan.spec.region).toBe('eu-west-1');
    expect(prod.plan.spec.account).toBe('222222222222');
    expect(prod.plan.spec.tags).toMatchObject({ 'aimd:environment': 'prod', tier: 'critical', team: 'risk' });
  });
});
