/**
 * One region's half of Route 53 DNS failover for the inference HTTP API: a custom domain on the regional
 * API (ACM certificate validated in the hosted zone), the alarm that marks the region unhealthy, a
 * CLOUDWATCH_METRIC health check following it, and the PRIMARY or SECONDARY alias record. Each region's
 * stack renders its own half (Route 53 is global), so no value crosses regions. Why the health check
 * follows an alarm instead of probing HTTPS: lib/disaster-recovery/dns-failover.ts.
 */
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { addAlarmHealthCheck } from './alarm-health-check';
import { healthCheckConfig, type RegionalFailover } from '../../../lib/disaster-recovery/dns-failover';

export interface DnsFailoverRecordProps {
  /** This region's failover, from `ServerlessDeploymentConfig.dnsFailover`. */
  readonly failover: RegionalFailover;
  /** The IAM-authorized inference API of this region. */
  readonly httpApi: apigwv2.IHttpApi;
  /** Its stage, mapped at the root of the custom domain. */
  readonly stage: apigwv2.IHttpStage;
  /** Topic the health alarm notifies (the deployment's alarm topic): a failover is news to the recipients. */
  readonly alarmTopic: sns.ITopic;
}

export class DnsFailoverRecord extends Construct {
  public readonly domainName: apigwv2.DomainName;
  public readonly healthAlarm: cloudwatch.Alarm;
  public readonly healthCheck: route53.CfnHealthCheck;
  public readonly record: route53.CfnRecordSet;

  constructor(scope: Construct, id: string, props: DnsFailoverRecordProps) {
    super(scope, id);
    const { failover } = props;
    const zone = route53.HostedZone.fromHostedZoneId(this, 'Zone', failover.hostedZoneId);
    // A regional custom domain needs a certificate in its own region; DNS validation writes its CNAME into the zone.
    const certificate = new acm.Certificate(this, 'Certificate', { domainName: failover.domainName, validation: acm.CertificateValidation.fromDns(zone) });
    this.domainName = new apigwv2.DomainName(this, 'DomainName', { domainName: failover.domainName, certificate, securityPolicy: apigwv2.SecurityPolicy.TLS_1_2 });
    // Callers sign with the custom domain as host; API Gateway accepts SigV4 on custom domains of IAM-authorized APIs.
    new apigwv2.ApiMapping(this, 'Mapping', { api: props.httpApi, domainName: this.domainName, stage: props.stage });

    ({ healthAlarm: this.healthAlarm, healthCheck: this.healthCheck } = addAlarmHealthCheck(this, {
      alarm: failover.healthAlarm, check: healthCheckConfig(failover), alarmTopic: props.alarmTopic, name: failover.setIdentifier,
    }));

    this.record = new route53.CfnRecordSet(this, 'Record', {
      hostedZoneId: failover.hostedZoneId,
      name: failover.domainName,
      type: 'A',
      setIdentifier: failover.setIdentifier,
      failover: failover.role,
      healthCheckId: this.healthCheck.attrHealthCheckId,
      aliasTarget: { dnsName: this.domainName.regionalDomainName, hostedZoneId: this.domainName.regionalHostedZoneId, evaluateTargetHealth: false },
    });
  }
}
