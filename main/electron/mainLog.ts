import { app } from 'electron';
import type { LogFile } from '../node/log/logFile.js';

const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/** The first lines of a session: what runs where, for a bug report. */
export function logStartup(log: LogFile): void {
  const v = process.versions;
  log.info(`Pastiche ${app.getVersion()} starting on ${process.platform} ${process.arch} (Electron ${v.electron}, Chromium ${v.chrome}, Node ${v.node})`);
}

/** Which GPU features Chromium enabled (known once the app is ready). */
export function logGpuStatus(log: LogFile): void {
  const status = app.getGPUFeatureStatus() as unknown as Record<string, string>;
  log.info(`GPU features: ${Object.entries(status).map(([feature, state]) => `${feature} ${state}`).join(', ')}`);
}

/**
 * Errors nothing caught. The monitor leaves Electron's own handling (its error dialog) as it is; a
 * rejection nobody handled is logged as Electron would print it.
 */
export function logProcessErrors(log: LogFile): void {
  process.on('uncaughtExceptionMonitor', (error, origin) => log.error(`Uncaught ${origin === 'unhandledRejection' ? 'rejection' : 'exception'}: ${describe(error)}`));
  process.on('unhandledRejection', (reason) => {
    console.error('pastiche: unhandled rejection', reason);
    log.error(`Unhandled rejection: ${describe(reason)}`);
  });
}

/** The studio's page or the GPU process ending unexpectedly. */
export function logProcessCrashes(log: LogFile): void {
  app.on('render-process-gone', (_event, contents, details) => {
    log.error(`The studio page (${contents.getURL()}) ended: ${details.reason}, exit code ${details.exitCode}`);
  });
  app.on('child-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') log.error(`The ${details.type} process ended: ${details.reason}, exit code ${details.exitCode}`);
  });
}
