import { alarmSubscriptions, chatbotRolePolicies, pagerDutyEndpoint } from '../../lib/alerting/alarm-subscriptions';

describe('alarmSubscriptions (the neutral description every engine renders)', () => {
  test('GIVEN only the older alarmEmail THEN it is the one e-mail subscription and nothing else is created', () => {
    expect(alarmSubscriptions('fraud', undefined, 'oncall@example.com')).toEqual({ emails: ['oncall@example.com'], chatChannels: [], reachesSomeone: true });
  });

  test('GIVEN nobody THEN it reaches no one (the synth warns)', () => {
    expect(alarmSubscriptions('fraud')).toEqual({ emails: [], chatChannels: [], reachesSomeone: false });
  });

  test('GIVEN every kind of recipient THEN e-mails are listed once, chat channels get Chatbot names and one role, PagerDuty its secret', () => {
    const subs = alarmSubscriptions('fraud-prod', {
      emails: ['a@example.com', 'b@example.com'],
      slack: [{ workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' }],
      teams: [{ teamId: '00000000-0000-0000-0000-000000000001', tenantId: '00000000-0000-0000-0000-000000000002', channelId: '19%3aabc%40thread.tacv2' }],
      pagerDutyIntegrationKeySecret: 'fraud/pagerduty',
    }, 'a@example.com');
    expect(subs.emails).toEqual(['a@example.com', 'b@example.com']);
    expect(subs.pagerDutyKeySecret).toBe('fraud/pagerduty');
    expect(subs.chatChannels.map((c) => [c.kind, c.id, c.configurationName])).toEqual([['slack', 'Slack0', 'fraud-prod-alarms-slack-0'], ['teams', 'Teams0', 'fraud-prod-alarms-teams-0']]);
    expect(subs.chatbotRoleName).toBe('fraud-prod-alarm-chatbot');
  });

  test('GIVEN a 40-character deployment name THEN the Chatbot role name still fits IAM\'s 64 characters', () => {
    expect(alarmSubscriptions('x'.repeat(60), { slack: [{ workspaceId: 'T1', channelId: 'C1' }] }).chatbotRoleName!.length).toBeLessThanOrEqual(64);
  });

  test('PagerDuty is the CloudWatch integration URL around the key; Chatbot may only read CloudWatch', () => {
    expect(pagerDutyEndpoint('KEY')).toBe('https://events.pagerduty.com/integration/KEY/enqueue');
    const { assumeRole, notifications } = chatbotRolePolicies() as any;
    expect(assumeRole.Statement[0].Principal).toEqual({ Service: 'chatbot.amazonaws.com' });
    expect(notifications.Statement[0].Action).toEqual(['cloudwatch:Describe*', 'cloudwatch:Get*', 'cloudwatch:List*']);
  });
});
