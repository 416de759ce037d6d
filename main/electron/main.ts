/**
 * The Electron main process: one sandboxed studio window served from app://pastiche, the IPC handlers of the
 * Host contract, the native menu, and files opened from the command line, a second instance or the OS.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, dialog, ipcMain, session } from 'electron';
import { setAboutPanel, showModelCard } from './about.js';
import { openServices } from './appServices.js';
import { fileArguments, launchDataFiles } from './commandLine.js';
import type { MainContext } from './context.js';
import { openFilesFromSystem, openForStudio } from './files/openFromSystem.js';
import { registerIpcHandlers } from './ipc/register.js';
import { installMenu } from './menu.js';
import { logGpuStatus, logProcessCrashes, logProcessErrors, logStartup } from './mainLog.js';
import { LogFile } from '../node/log/logFile.js';
import { installAppProtocol, registerAppScheme } from './protocol.js';
import { hardenSession, hardenWebContents } from './security.js';
import { StudioWindow } from './studioWindow.js';
import { useUserDataSwitch } from './userDataSwitch.js';

useUserDataSwitch();
const APP_ROOT = app.getAppPath();
const WEB_ROOT = path.join(APP_ROOT, 'dist', 'web');
const PRELOAD = path.join(APP_ROOT, 'dist', 'preload', 'preload.cjs');
/** The app icon, rendered from assets/icon/pastiche.svg by `npm run icons`; packed with the app (electron-builder.yml). */
const ICON = path.join(APP_ROOT, 'assets', 'build', 'icons', '512x512.png');
const icon = existsSync(ICON) ? ICON : undefined;

const studio = new StudioWindow(PRELOAD, icon);
/** The log for bug reports (Help ▸ Show Logs); written from the first line on. */
const log = new LogFile(path.join(app.getPath('userData'), 'logs'));
let context: MainContext | null = null;
/** Files given before the services were up (the command line, early OS open-file events, second instances). */
const waiting: string[] = fileArguments(process.argv, process.cwd(), process.defaultApp === true);

function logFailure(what: string): (error: unknown) => void {
  return (error) => {
    console.error(`pastiche: ${what} failed`, error);
    log.error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  };
}

async function refreshMenu(ctx: MainContext): Promise<void> {
  installMenu({
    platform: process.platform,
    isDev: !app.isPackaged,
    recent: await ctx.recent.list(),
    actions: {
      command: (command) => {
        studio.show(ctx);
        ctx.commands.send(command);
      },
      // A file that fails to open has usually gone: refreshing the menu drops it from the list.
      openRecent: (entry) =>
        void openForStudio(ctx, entry.path, entry.role, 'recent')
          .then((opened) => (opened ? undefined : refreshMenu(ctx)))
          .catch(logFailure('opening a recent file')),
      clearRecent: () => void ctx.recent.clear().then(() => refreshMenu(ctx)).catch(logFailure('clearing the recent files')),
      modelCard: () => void showModelCard(ctx).catch(logFailure('showing the model card')),
    },
  });
}

function openFiles(files: readonly string[], source: 'command-line' | 'os'): void {
  if (!context) {
    waiting.push(...files);
    return;
  }
  if (files.length === 0) return;
  studio.show(context);
  void openFilesFromSystem(context, files, source).catch(logFailure('opening files'));
}

async function start(): Promise<void> {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) throw new Error(`The studio is not built (no ${WEB_ROOT}/index.html): run "npm run build:web".`);
  hardenSession(session.defaultSession);
  installAppProtocol(WEB_ROOT);
  setAboutPanel(icon);
  logGpuStatus(log);
  const ctx = await openServices(
    app.getPath('userData'),
    {
      window: () => studio.get(),
      recentChanged: () => void refreshMenu(ctx).catch(logFailure('refreshing the menu')),
    },
    log,
  );
  registerIpcHandlers(ipcMain, ctx);
  await refreshMenu(ctx);
  studio.show(ctx);
  context = ctx;
  openFiles(waiting.splice(0), 'command-line');
}

function fail(error: unknown): void {
  log.error(`Pastiche could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  dialog.showErrorBox('Pastiche could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

/** Writes pending settings before the process ends. */
function flushBeforeQuit(): void {
  let flushed = false;
  app.on('will-quit', (event) => {
    if (flushed || !context) return;
    event.preventDefault();
    void Promise.allSettled([context.settings.flush(), context.recent.flush()]).then(() => {
      flushed = true;
      app.quit();
    });
  });
}

function wireLifecycle(): void {
  logStartup(log);
  logProcessErrors(log);
  logProcessCrashes(log);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFiles([file], 'os');
  });
  app.on('second-instance', (_event, _argv, _cwd, data) => {
    if (context) studio.show(context);
    openFiles(launchDataFiles(data), 'command-line');
  });
  app.on('activate', () => {
    if (context) studio.show(context);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  flushBeforeQuit();
  app.whenReady().then(start).catch(fail);
}

app.enableSandbox();
registerAppScheme();
if (app.requestSingleInstanceLock({ files: [...waiting] })) wireLifecycle();
else app.quit();
