import type { ColourMode } from '../../app/colour/colourMode.js';
import type { Pooling } from '../../app/network/pool.js';
import type { OptimizerName } from '../../app/optim/optimizer.js';
import type { NodeBackend } from '../node/tfBackend.js';

/** The parsed and checked flags of `pastiche stylize`. */
export interface StylizeOptions {
  content: string;
  style: string[];
  out: string;
  size: number;
  iterations: number;
  styleStrength: number;
  seed: number;
  model?: string;
  backend: NodeBackend;
  contentWeight: number;
  smoothness: number;
  init: 'content' | 'noise' | 'image';
  initImage?: string;
  keepMask?: string;
  styleMask?: string[];
  optimizer: OptimizerName;
  pooling: Pooling;
  learningRate: number;
  styleScale: number;
  styleWeight?: number[];
  colour: ColourMode;
  startSize: number;
  quality: number;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
}
