import type { Blueprint } from '../blueprint';

/** Blueprints of this area, in the order `aimd synth` renders them. */
export const EKS_BLUEPRINTS: readonly Blueprint[] = [];
