/**
 * `scaling.offHours`: a lower replica floor outside working hours. One window maps onto both autoscalers we render:
 * a KEDA `cron` trigger that holds the working-hours floor from `end` to `start` (the ScaledObject's
 * `minReplicaCount` is the off-hours floor), and two Application Auto Scaling scheduled actions that set the
 * variant's `MinCapacity` at `start` and at `end`. See docs/gpu-scheduling.md ("Scheduled capacity").
 */
export interface OffHoursSpec {
  /**
   * IANA time zone both cron expressions are read in, e.g. `Europe/Berlin` (KEDA's cron trigger `timezone`,
   * Application Auto Scaling's `Timezone`).
   * @default 'UTC'
   */
  readonly timezone?: string;
  /**
   * When the off-hours floor begins: a 5-field cron expression (minute hour day-of-month month day-of-week, day of
   * week 0-6 or SUN-SAT), e.g. `0 20 * * 1-5` (weekdays at 20:00). Rendered as-is for KEDA and converted to
   * Application Auto Scaling's 6-field `cron(...)` form for SageMaker.
   */
  readonly start: string;
  /** When the working-hours floor (`scaling.minReplicas`) comes back, e.g. `0 7 * * 1-5` (weekdays at 07:00). */
  readonly end: string;
  /**
   * Replicas never fewer than this between `start` and `end`; below `scaling.minReplicas`. Zero only where the
   * target can run no replica: Kubernetes targets (KEDA) and SageMaker `async` endpoints; a SageMaker real-time
   * variant keeps at least one instance.
   * @default - 0 where the target can be at zero, else 1
   */
  readonly minReplicas?: number;
}

/** `scaling.offHours` with its defaults filled in. */
export interface ResolvedOffHours {
  readonly timezone: string;
  readonly start: string;
  readonly end: string;
  readonly minReplicas: number;
}
