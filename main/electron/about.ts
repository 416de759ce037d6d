import { app } from 'electron';
import { MODEL_CARD } from '../node/model/modelCard.js';
import type { MainContext } from './context.js';
import { showMessageBox } from './dialogs.js';
import { openExternalIfAllowed } from './security.js';

export const VGG_ATTRIBUTION =
  'VGG19 weights by K. Simonyan and A. Zisserman (Visual Geometry Group, University of Oxford), CC BY 4.0';

/**
 * The system About panel of the macOS application menu. Help ▸ About Pastiche opens the studio's own About
 * dialog instead, which carries the same attribution with links.
 */
export function setAboutPanel(iconPath?: string): void {
  app.setAboutPanelOptions({ applicationName: 'Pastiche', applicationVersion: app.getVersion(), credits: VGG_ATTRIBUTION, ...(iconPath ? { iconPath } : {}) });
}

/** The model card in words: what the weights are, where they come from, their size and licence. */
export function modelCardDetail(): string {
  const source = MODEL_CARD.sources[0]!;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  return [
    `Pastiche uses the convolution layers ${MODEL_CARD.layers[0]!.name} to ${MODEL_CARD.install.upTo} of VGG19, trained on ImageNet.`,
    `Download: ${source.file} (${mb(source.bytes)}, MD5 ${source.md5}), converted on install to ${mb(MODEL_CARD.install.bytes.float32)}.`,
    `Licence: ${MODEL_CARD.license.weights}. ${MODEL_CARD.license.attribution}`,
  ].join('\n\n');
}

export async function showModelCard(ctx: MainContext): Promise<void> {
  const { response } = await showMessageBox(ctx, {
    type: 'info',
    title: 'Model card',
    message: 'VGG19 weights',
    detail: modelCardDetail(),
    buttons: ['OK', 'View Licence'],
    defaultId: 0,
    cancelId: 0,
  });
  if (response === 1) openExternalIfAllowed(MODEL_CARD.license.url);
}
