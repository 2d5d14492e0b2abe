import type { Blueprint } from '../blueprint';
import { edgeGreengrass } from './edge-greengrass';

/** Blueprints of this area, in the order `aimd synth` renders them. */
export const EDGE_BLUEPRINTS: readonly Blueprint[] = [edgeGreengrass];
