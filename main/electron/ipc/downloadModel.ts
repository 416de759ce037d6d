import { EVENT_CHANNELS } from './channels.js';
import { defineHandler } from './handler.js';
import { noArgs } from './schemas.js';

/** Progress goes back to the page that asked, as events the preload hands to its onProgress callback. */
export const downloadModel = defineHandler({
  method: 'downloadModel',
  args: noArgs,
  run: (ctx, _args, event) =>
    ctx.models.download((progress) => {
      if (!event.sender.isDestroyed()) event.sender.send(EVENT_CHANNELS.downloadProgress, progress);
    }),
});
