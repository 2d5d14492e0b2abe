/**
 * What a fleet's core devices may do, on Terraform: the token exchange role with the least-privilege
 * policy of lib/edge/access.ts, the IoT role alias, and the IoT policy for core device certificates.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IotPolicy } from '@cdktf/provider-aws/lib/iot-policy';
import { IotRoleAlias } from '@cdktf/provider-aws/lib/iot-role-alias';
import { Construct } from 'constructs';
import { coreDeviceIotPolicy, DeviceAccessScope, tokenExchangeRolePolicy, tokenExchangeTrustPolicy } from '../../../lib/edge/access';

export interface GreengrassDeviceAccessProps {
  /** What devices may touch (bucket, prefix, key, thing-name prefix, role alias name). */
  readonly scope: DeviceAccessScope;
  /** Name of the token exchange role (the installer's `--tes-role-name`). */
  readonly roleName: string;
  /** Name of the IoT policy for core device certificates (the installer's `--thing-policy-name`). */
  readonly iotPolicyName: string;
  /** Seconds (900-43200). @default 3600 */
  readonly credentialDurationSeconds?: number;
}

export class GreengrassDeviceAccess extends Construct {
  public readonly role: IamRole;
  public readonly roleAlias: IotRoleAlias;
  public readonly iotPolicy: IotPolicy;

  constructor(scope: Construct, id: string, props: GreengrassDeviceAccessProps) {
    super(scope, id);
    this.role = new IamRole(this, 'TokenExchangeRole', {
      name: props.roleName,
      description: 'Greengrass token exchange role: what core devices may do with AWS credentials',
      assumeRolePolicy: JSON.stringify(tokenExchangeTrustPolicy()),
    });
    new IamRolePolicy(this, 'DeviceAccess', { name: 'DeviceAccess', role: this.role.name, policy: JSON.stringify(tokenExchangeRolePolicy(props.scope)) });
    this.roleAlias = new IotRoleAlias(this, 'RoleAlias', { alias: props.scope.roleAliasName, roleArn: this.role.arn, credentialDuration: props.credentialDurationSeconds ?? 3600 });
    this.iotPolicy = new IotPolicy(this, 'CoreDevicePolicy', { name: props.iotPolicyName, policy: JSON.stringify(coreDeviceIotPolicy(props.scope)) });
  }
}
