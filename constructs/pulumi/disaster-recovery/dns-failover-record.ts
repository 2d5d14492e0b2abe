/**
 * One region's half of Route 53 DNS failover for the inference HTTP API (Pulumi), like the CDK and cdktf
 * `DnsFailoverRecord`: an ACM certificate validated in the hosted zone, a regional custom domain mapped to
 * the API's stage, the alarm that marks the region unhealthy, a CLOUDWATCH_METRIC health check following
 * it, and the PRIMARY or SECONDARY alias record. Why the health check follows an alarm instead of probing
 * HTTPS: lib/disaster-recovery/dns-failover.ts.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { addAlarmHealthCheck } from './alarm-health-check';
import { healthCheckConfig, type RegionalFailover } from '../../../lib/disaster-recovery/dns-failover';

export interface DnsFailoverRecordArgs {
  /** This region's failover, from `ServerlessDeploymentConfig.dnsFailover`. */
  readonly failover: RegionalFailover;
  /** The IAM-authorized inference API of this region and its stage. */
  readonly httpApi: aws.apigatewayv2.Api;
  readonly stage: aws.apigatewayv2.Stage;
  /** SNS topic the health alarm notifies (the deployment's alarm topic). */
  readonly alarmTopicArn: pulumi.Input<string>;
}

export class DnsFailoverRecord extends pulumi.ComponentResource {
  public readonly domainName: aws.apigatewayv2.DomainName;
  public readonly healthAlarm: aws.cloudwatch.MetricAlarm;
  public readonly healthCheck: aws.route53.HealthCheck;
  public readonly record: aws.route53.Record;

  constructor(name: string, args: DnsFailoverRecordArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:disaster-recovery:DnsFailoverRecord', name, {}, opts);
    const { failover } = args;
    const parent = { parent: this };
    const certificate = new aws.acm.Certificate(`${name}-certificate`, { domainName: failover.domainName, validationMethod: 'DNS' }, parent);
    // One name, one validation record (ACM reports it once the certificate is requested; a preview has none yet).
    const validation = (field: 'resourceRecordName' | 'resourceRecordType' | 'resourceRecordValue') =>
      certificate.domainValidationOptions.apply((options) => options?.[0]?.[field] ?? '');
    // ACM gives the same validation CNAME for a name in every region of an account: both regions may write it.
    const validationRecord = new aws.route53.Record(`${name}-certificate-validation`, {
      zoneId: failover.hostedZoneId, name: validation('resourceRecordName'), type: validation('resourceRecordType'), records: [validation('resourceRecordValue')], ttl: 300, allowOverwrite: true,
    }, parent);
    const validated = new aws.acm.CertificateValidation(`${name}-certificate-validated`, { certificateArn: certificate.arn, validationRecordFqdns: [validationRecord.fqdn] }, parent);
    this.domainName = new aws.apigatewayv2.DomainName(`${name}-domain`, {
      domainName: failover.domainName,
      domainNameConfiguration: { certificateArn: validated.certificateArn, endpointType: 'REGIONAL', securityPolicy: 'TLS_1_2' },
    }, parent);
    new aws.apigatewayv2.ApiMapping(`${name}-mapping`, { apiId: args.httpApi.id, domainName: this.domainName.id, stage: args.stage.id }, parent);

    ({ healthAlarm: this.healthAlarm, healthCheck: this.healthCheck } = addAlarmHealthCheck({
      alarm: failover.healthAlarm, check: healthCheckConfig(failover), alarmTopicArn: args.alarmTopicArn, name: failover.setIdentifier,
      resourceNames: { alarm: `${name}-health`, check: `${name}-health-check` },
    }, parent));
    this.record = new aws.route53.Record(`${name}-record`, {
      zoneId: failover.hostedZoneId, name: failover.domainName, type: 'A', setIdentifier: failover.setIdentifier,
      failoverRoutingPolicies: [{ type: failover.role }], healthCheckId: this.healthCheck.id,
      aliases: [{ name: this.domainName.domainNameConfiguration.targetDomainName, zoneId: this.domainName.domainNameConfiguration.hostedZoneId, evaluateTargetHealth: false }],
    }, parent);
    this.registerOutputs({});
  }
}
