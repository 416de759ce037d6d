import type { NodeBackend } from '../node/tfBackend.js';

/** The parsed flags of `pastiche inspect`. */
export interface InspectOptions {
  image: string;
  layer: string;
  out?: string;
  channels?: number[];
  top?: number;
  patches?: number;
  gram?: boolean;
  grey?: boolean;
  model?: string;
  size: number;
  backend: NodeBackend;
  force?: boolean;
  json?: boolean;
}
