/**
 * The fields we set on Karpenter and EKS Auto Mode node objects. Field names follow
 * @kubernetes-models/karpenter 2.0 (karpenter.sh/v1 NodePool, karpenter.k8s.aws/v1 EC2NodeClass) and the EKS
 * user guide's NodeClass specification (eks.amazonaws.com/v1), read 2026-11-24.
 */
import type { KubeObjectMeta } from './types';

export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values?: readonly string[];
}

export interface INodePool {
  readonly apiVersion: 'karpenter.sh/v1';
  readonly kind: 'NodePool';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    readonly template: {
      readonly metadata?: { readonly labels?: Readonly<Record<string, string>> };
      readonly spec: {
        readonly nodeClassRef: { readonly group: string; readonly kind: string; readonly name: string };
        readonly requirements: readonly NodeSelectorRequirement[];
        readonly taints?: readonly { readonly key: string; readonly value?: string; readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
        readonly expireAfter?: string;
      };
    };
    readonly disruption: {
      readonly consolidationPolicy: 'WhenEmpty' | 'WhenEmptyOrUnderutilized';
      readonly consolidateAfter: string;
      readonly budgets?: readonly { readonly nodes: string; readonly reasons?: readonly string[]; readonly schedule?: string; readonly duration?: string }[];
    };
    readonly limits?: Readonly<Record<string, string>>;
  };
}

export interface SelectorTerm {
  readonly id?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface EbsVolume {
  readonly volumeSize: string;
  readonly volumeType: 'gp3';
  readonly iops?: number;
  readonly throughput?: number;
  readonly encrypted: boolean;
  readonly deleteOnTermination: boolean;
}

export interface IEC2NodeClass {
  readonly apiVersion: 'karpenter.k8s.aws/v1';
  readonly kind: 'EC2NodeClass';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    readonly amiSelectorTerms: readonly { readonly alias: string }[];
    readonly role: string;
    readonly subnetSelectorTerms: readonly SelectorTerm[];
    readonly securityGroupSelectorTerms: readonly SelectorTerm[];
    readonly blockDeviceMappings: readonly { readonly deviceName: string; readonly rootVolume?: boolean; readonly ebs: EbsVolume }[];
    readonly instanceStorePolicy?: 'RAID0';
    readonly metadataOptions: {
      readonly httpEndpoint: 'enabled' | 'disabled';
      readonly httpProtocolIPv6: 'enabled' | 'disabled';
      readonly httpPutResponseHopLimit: number;
      readonly httpTokens: 'required' | 'optional';
    };
    readonly capacityReservationSelectorTerms?: readonly SelectorTerm[];
    readonly tags?: Readonly<Record<string, string>>;
  };
}

/** EKS Auto Mode NodeClass: role and both selectors are required. */
export interface IAutoModeNodeClass {
  readonly apiVersion: 'eks.amazonaws.com/v1';
  readonly kind: 'NodeClass';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    readonly role: string;
    readonly subnetSelectorTerms: readonly SelectorTerm[];
    readonly securityGroupSelectorTerms: readonly SelectorTerm[];
    readonly ephemeralStorage: { readonly size: string; readonly iops?: number; readonly throughput?: number };
    readonly capacityReservationSelectorTerms?: readonly SelectorTerm[];
    /** Enforce NetworkPolicies on the class's nodes (with the controller ConfigMap). @default - not enforced */
    readonly networkPolicy?: 'DefaultAllow' | 'DefaultDeny';
    readonly tags?: Readonly<Record<string, string>>;
  };
}
