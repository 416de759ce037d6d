import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningApp {
  app: ElectronApplication;
  page: Page;
  /** Console errors and uncaught exceptions of the studio page since it opened. */
  errors: string[];
}

/**
 * Starts the built app (`electron .`, as `npm start` does) with its own user data folder, and waits for the
 * studio window. Linux keeps Chromium's sandbox on (Playwright would switch it off); set
 * PASTICHE_ELECTRON_NO_SANDBOX=1 where unprivileged user namespaces are restricted (README: Linux sandbox).
 */
export async function launchApp(userData: string, env: Record<string, string | undefined>): Promise<RunningApp> {
  const app = await _electron.launch({
    args: [ROOT, `--user-data-dir=${userData}`],
    cwd: ROOT,
    env: Object.fromEntries(Object.entries({ ...process.env, ...env }).filter((e): e is [string, string] => e[1] !== undefined)),
    chromiumSandbox: process.env.PASTICHE_ELECTRON_NO_SANDBOX !== '1',
    timeout: 120_000,
  });
  const page = await app.firstWindow({ timeout: 120_000 });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await page.waitForLoadState('domcontentloaded');
  return { app, page, errors };
}

/** Makes the main process's open dialogs answer with these files, one call each, as if the user chose them. */
export async function answerOpenDialogs(app: ElectronApplication, files: string[]): Promise<void> {
  await app.evaluate(({ dialog }, queue) => {
    dialog.showOpenDialog = async () => {
      const next = queue.shift();
      return next ? { canceled: false, filePaths: [next] } : { canceled: true, filePaths: [] };
    };
  }, files);
}

/** Makes the main process's save dialog answer with `file`. */
export async function answerSaveDialog(app: ElectronApplication, file: string): Promise<void> {
  await app.evaluate(({ dialog }, target) => {
    dialog.showSaveDialog = async () => ({ canceled: false, filePath: target });
  }, file);
}

/** Makes the main process's message boxes answer with button `response`, keeping each message for the test. */
export async function answerMessageBoxes(app: ElectronApplication, response: number): Promise<void> {
  await app.evaluate(({ dialog }, answer) => {
    const asked: string[] = [];
    (globalThis as { __pasticheAsked?: string[] }).__pasticheAsked = asked;
    dialog.showMessageBox = (async (...args: unknown[]) => {
      asked.push((args.at(-1) as { message: string }).message);
      return { response: answer, checkboxChecked: false };
    }) as typeof dialog.showMessageBox;
  }, response);
}

/** The messages the stubbed message boxes were asked to show. */
export function messagesShown(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(() => [...((globalThis as { __pasticheAsked?: string[] }).__pasticheAsked ?? [])]);
}

/** Resolves when the app's process has ended. */
export function exited(app: ElectronApplication): Promise<void> {
  const child = app.process();
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Closes the app even mid-run: the quit question is answered "Quit" first. */
export async function closeApp(running: RunningApp | undefined): Promise<void> {
  if (!running) return;
  await answerMessageBoxes(running.app, 0).catch(() => undefined);
  await running.app.close().catch(() => running.app.process().kill());
}
