/** The convolution layers of VGG19 (Simonyan & Zisserman 2015), in network order. */
export interface VggConvLayer {
  /** Caffe-style name, e.g. "conv3_2". */
  name: string;
  /** Keras name, e.g. "block3_conv2"; TensorFlow.js conversions of Keras use it. */
  kerasName: string;
  block: number;
  index: number;
  inChannels: number;
  outChannels: number;
}

const BLOCKS: ReadonlyArray<{ convs: number; channels: number }> = [
  { convs: 2, channels: 64 },
  { convs: 2, channels: 128 },
  { convs: 4, channels: 256 },
  { convs: 4, channels: 512 },
  { convs: 4, channels: 512 },
];

function buildTable(): VggConvLayer[] {
  const table: VggConvLayer[] = [];
  let inChannels = 3;
  BLOCKS.forEach(({ convs, channels }, b) => {
    for (let i = 1; i <= convs; i++) {
      const block = b + 1;
      table.push({
        name: `conv${block}_${i}`,
        kerasName: `block${block}_conv${i}`,
        block,
        index: i,
        inChannels,
        outChannels: channels,
      });
      inChannels = channels;
    }
  });
  return table;
}

export const VGG19_CONV_LAYERS: readonly VggConvLayer[] = buildTable();

export function kernelShape(layer: VggConvLayer): [number, number, number, number] {
  return [3, 3, layer.inChannels, layer.outChannels];
}

/** Activation names the network can return: "relu3_2" is the output of conv3_2 after ReLU. */
export type ReluName = `relu${number}_${number}`;

export function reluName(layer: VggConvLayer): ReluName {
  return `relu${layer.block}_${layer.index}`;
}
