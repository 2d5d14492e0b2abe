/**
 * One region's half of Route 53 DNS failover for the inference HTTP API (cdktf), like the CDK
 * `DnsFailoverRecord`: an ACM certificate validated in the hosted zone, a regional custom domain mapped to
 * the API's stage, the alarm that marks the region unhealthy, a CLOUDWATCH_METRIC health check following
 * it, and the PRIMARY or SECONDARY alias record. Each region's stack renders its own half. Why the health
 * check follows an alarm instead of probing HTTPS: lib/disaster-recovery/dns-failover.ts.
 */
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import type { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2ApiMapping } from '@cdktf/provider-aws/lib/apigatewayv2-api-mapping';
import { Apigatewayv2DomainName } from '@cdktf/provider-aws/lib/apigatewayv2-domain-name';
import type { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { addAlarmHealthCheck } from './alarm-health-check';
import { healthCheckConfig, type RegionalFailover } from '../../../lib/disaster-recovery/dns-failover';

export interface DnsFailoverRecordProps {
  /** This region's failover, from `ServerlessDeploymentConfig.dnsFailover`. */
  readonly failover: RegionalFailover;
  /** The IAM-authorized inference API of this region and its stage. */
  readonly httpApi: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  /** SNS topic the health alarm notifies (the deployment's alarm topic). */
  readonly alarmTopicArn: string;
}

export class DnsFailoverRecord extends Construct {
  public readonly domainName: Apigatewayv2DomainName;
  public readonly healthAlarm: CloudwatchMetricAlarm;
  public readonly healthCheck: Route53HealthCheck;
  public readonly record: Route53Record;

  constructor(scope: Construct, id: string, props: DnsFailoverRecordProps) {
    super(scope, id);
    const { failover } = props;
    const certificate = new AcmCertificate(this, 'Certificate', { domainName: failover.domainName, validationMethod: 'DNS', lifecycle: { createBeforeDestroy: true } });
    const validation = certificate.domainValidationOptions.get(0);
    // ACM gives the same validation CNAME for a name in every region of an account: both regions may write it.
    const validationRecord = new Route53Record(this, 'CertificateValidationRecord', {
      zoneId: failover.hostedZoneId, name: validation.resourceRecordName, type: validation.resourceRecordType, records: [validation.resourceRecordValue], ttl: 300, allowOverwrite: true,
    });
    const validated = new AcmCertificateValidation(this, 'CertificateValidation', { certificateArn: certificate.arn, validationRecordFqdns: [validationRecord.fqdn] });
    this.domainName = new Apigatewayv2DomainName(this, 'DomainName', {
      domainName: failover.domainName,
      domainNameConfiguration: { certificateArn: validated.certificateArn, endpointType: 'REGIONAL', securityPolicy: 'TLS_1_2' },
    });
    new Apigatewayv2ApiMapping(this, 'Mapping', { apiId: props.httpApi.id, domainName: this.domainName.id, stage: props.stage.id });

    ({ healthAlarm: this.healthAlarm, healthCheck: this.healthCheck } = addAlarmHealthCheck(this, {
      alarm: failover.healthAlarm, check: healthCheckConfig(failover), alarmTopicArn: props.alarmTopicArn, name: failover.setIdentifier,
    }));
    this.record = new Route53Record(this, 'Record', {
      zoneId: failover.hostedZoneId, name: failover.domainName, type: 'A', setIdentifier: failover.setIdentifier,
      failoverRoutingPolicy: { type: failover.role }, healthCheckId: this.healthCheck.id,
      alias: { name: this.domainName.domainNameConfiguration.targetDomainName, zoneId: this.domainName.domainNameConfiguration.hostedZoneId, evaluateTargetHealth: false },
    });
  }
}
