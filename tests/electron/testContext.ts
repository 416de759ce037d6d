import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { vi } from 'vitest';
import type { MainContext } from '../../main/electron/context.js';
import { HostCommands } from '../../main/electron/hostCommands.js';
import { invokeHandler } from '../../main/electron/ipc/register.js';
import { HANDLERS } from '../../main/electron/ipc/handlers.js';
import type { InvokeMethod, IpcReply } from '../../main/electron/ipc/channels.js';
import { ModelAccess } from '../../main/electron/modelAccess.js';
import { RunActivity } from '../../main/electron/runActivity.js';
import { CheckpointStore } from '../../main/node/checkpoint/checkpointStore.js';
import { HistoryStore } from '../../main/node/history/historyStore.js';
import { LogFile } from '../../main/node/log/logFile.js';
import { openModelStore, type DownloadOptions } from '../../main/node/model/modelStore.js';
import { OutputFolders } from '../../main/node/outputFolder/outputFolders.js';
import { PathGrants } from '../../main/node/pathGrants/pathGrants.js';
import { RecentFiles } from '../../main/node/recentFiles/recentFiles.js';
import { SettingsService } from '../../main/node/settings/settingsService.js';
import { FakeWebContents } from './fakeElectron.js';

export interface TestContext {
  ctx: MainContext;
  userData: string;
  recentChanged: ReturnType<typeof vi.fn>;
}

/** The real services in a temp user data folder, with no window. */
export async function makeContext(
  userData: string,
  options: { env?: NodeJS.ProcessEnv; source?: Pick<DownloadOptions, 'url' | 'md5'> } = {},
): Promise<TestContext> {
  const { settings } = await SettingsService.open(userData);
  const { recent } = await RecentFiles.open(userData);
  const recentChanged = vi.fn();
  const { history } = await HistoryStore.open(path.join(userData, 'history'));
  const ctx: MainContext = {
    settings,
    recent,
    grants: new PathGrants(),
    models: new ModelAccess(openModelStore(path.join(userData, 'models')), options.env ?? {}, options.source),
    commands: new HostCommands(),
    history,
    outputFolders: new OutputFolders(),
    log: new LogFile(path.join(userData, 'logs')),
    checkpoints: new CheckpointStore(path.join(userData, 'checkpoint')),
    runActivity: new RunActivity(),
    window: () => undefined,
    recentChanged,
  };
  return { ctx, userData, recentChanged };
}

/** An invoke event as Electron builds it for a request from the studio's top frame (or from `url`). */
export function studioEvent(url = 'app://pastiche/index.html', options: { subframe?: boolean } = {}): IpcMainInvokeEvent {
  const sender = new FakeWebContents();
  const frame = { url, parent: options.subframe ? { url } : null };
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

/** Calls a handler the way registerIpcHandlers does. */
export function call(ctx: MainContext, method: InvokeMethod, args: unknown[], event = studioEvent()): Promise<IpcReply<unknown>> {
  return invokeHandler(HANDLERS[method], ctx, event, args);
}

/** The value of a reply that must have succeeded (fails the test with the message otherwise). */
export function valueOf<T>(reply: IpcReply<unknown>): T {
  if (!reply.ok) throw new Error(`expected success, got: ${reply.message}`);
  return reply.value as T;
}

export function messageOf(reply: IpcReply<unknown>): string {
  if (reply.ok) throw new Error(`expected a refusal, got ${JSON.stringify(reply.value)}`);
  return reply.message;
}
