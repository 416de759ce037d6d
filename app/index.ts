// The engine's public API: load weights, build the network, run a style transfer.
export { loadVggWeights, type VggWeights, type VggLayerWeights } from './weights/loadVggWeights.js';
export { memoryWeightsSource, type WeightsSource } from './weights/weightsSource.js';
export { ModelError } from './weights/modelError.js';
export { VGG19_CONV_LAYERS, type ReluName, type VggConvLayer } from './weights/vggLayers.js';
export { VggNetwork } from './network/vgg.js';
export type { Pooling } from './network/pool.js';
export { EDGE_PADDINGS, type EdgePadding } from './network/edgePadding.js';
export { gramMatrix } from './costs/gram.js';
export { contentCost } from './costs/contentCost.js';
export { styleCost, styleLayerCost, type StyleTarget } from './costs/styleCost.js';
export { totalVariation } from './costs/totalVariation.js';
export { Adam, DEFAULT_ADAM, type AdamOptions } from './optim/adam.js';
export { Lbfgs, DEFAULT_LBFGS, type LbfgsOptions } from './optim/lbfgs.js';
export { OPTIMIZERS, type Optimizer, type OptimizerName } from './optim/optimizer.js';
export { Ema } from './optim/ema.js';
export { scaleSchedule, type Scale } from './run/scales.js';
export { chooseLayers, type LayerChoice } from './run/layerPresets.js';
export { DEFAULT_SETTINGS, checkSettings, type InitMode, type StyleSettings } from './run/settings.js';
export {
  RunError,
  StyleTransferRun,
  type Costs,
  type PreviewFrame,
  type Progress,
  type RunInputs,
  type RunResult,
  type RunState,
} from './run/styleTransferRun.js';
export { rgbaToTensor, tensorToRgba } from './image/imageTensor.js';
export { fitLongestSide, resizeImage } from './image/resize.js';
export type { RgbaImage } from './image/rgbaImage.js';
export { COLOUR_MODES, colourInputs, colourOutput, type ColourMode } from './colour/colourMode.js';
export { matchColourHistogram } from './colour/histogramMatch.js';
export { withOriginalColours } from './colour/originalColours.js';
export { maskedGram } from './costs/maskedGram.js';
export type { MaskImage } from './image/maskImage.js';
export { PRESETS, findPreset, type Preset } from './run/presets.js';
export { layerCostsFromParts, type LayerCosts } from './run/layerCosts.js';
export { withStyleLayerWeights } from './run/layerPresets.js';
export { styleLayerTerms } from './costs/styleCost.js';
export { passBytesPerPixel, passPixelLimit, currentBackendLimits, type BackendLimits } from './network/passMemory.js';
export { reluName } from './weights/vggLayers.js';
export { inspectLayer, type InspectionRequest, type LayerInspection, type ChannelMap, type PatchImage } from './inspect/layerInspection.js';
export { receptiveField, receptiveFields, type ReceptiveField } from './inspect/receptiveField.js';
export { colourLut, largest, paintMap, signedSqrt, toBytes, GREY_LUT, type ColourLut } from './inspect/colourMap.js';
