import { z } from 'zod';
import { jsonObjectSchema } from '../../node/settings/jsonValue.js';
import { STUDIO_SETTINGS_LIMITS } from '../../node/settings/settingsSchema.js';
import { defineHandler } from './handler.js';

export const setSettings = defineHandler({
  method: 'setSettings',
  args: z.tuple([jsonObjectSchema(STUDIO_SETTINGS_LIMITS)]),
  run: (ctx, [settings]) => ctx.settings.setStudio(settings),
});
