import { app } from 'electron';
import { defineHandler } from './handler.js';
import { noArgs } from './schemas.js';

export const info = defineHandler({
  method: 'info',
  args: noArgs,
  run: async () => ({ kind: 'electron', appVersion: app.getVersion(), platform: process.platform }),
});
