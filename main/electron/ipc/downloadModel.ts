import { EVENT_CHANNELS } from './channels.js';
import { defineHandler } from './handler.js';
import { noArgs } from './schemas.js';

/** Progress goes back to the page that asked, as events the preload hands to its onProgress callback. */
export const downloadModel = defineHandler({
  method: 'downloadModel',
  args: noArgs,
  async run(ctx, _args, event) {
    const status = await ctx.models.download((progress) => {
      if (!event.sender.isDestroyed()) event.sender.send(EVENT_CHANNELS.downloadProgress, progress);
    });
    ctx.log.info(`Model downloaded: ${status.layers.length} layers at ${status.location ?? 'the model store'}`);
    return status;
  },
});
