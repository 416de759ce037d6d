import path from 'node:path';
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { HostCommand } from '../../app/host/contract.js';
import type { RecentEntry } from '../node/recentFiles/recentFiles.js';

export interface MenuActions {
  /** Sends a command to the studio (open dialogs and export are the studio's to start). */
  command(command: HostCommand): void;
  openRecent(entry: RecentEntry): void;
  clearRecent(): void;
  modelCard(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Development build: adds Reload and the developer tools. */
  isDev: boolean;
  recent: readonly RecentEntry[];
  actions: MenuActions;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

function recentItems({ recent, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = recent.map((entry) => ({
    label: `${path.basename(entry.path)}${entry.role === 'style' ? ' (style)' : ''}`,
    click: () => actions.openRecent(entry),
  }));
  if (items.length === 0) items.push({ label: 'No Recent Images', enabled: false });
  return [...items, separator, { label: 'Clear Recent', enabled: recent.length > 0, click: () => actions.clearRecent() }];
}

function fileMenu(o: MenuOptions): MenuItemConstructorOptions {
  const send = (command: HostCommand) => () => o.actions.command(command);
  return {
    label: 'File',
    submenu: [
      { label: 'Open Content…', accelerator: 'CmdOrCtrl+O', click: send({ type: 'open-content' }) },
      { label: 'Add Style…', accelerator: 'CmdOrCtrl+Shift+O', click: send({ type: 'add-style' }) },
      { label: 'Open Recent', submenu: recentItems(o) },
      separator,
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: send({ type: 'export' }) },
      separator,
      o.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
    ],
  };
}

function viewMenu({ isDev }: MenuOptions): MenuItemConstructorOptions {
  const dev: MenuItemConstructorOptions[] = isDev ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator] : [];
  return {
    label: 'View',
    submenu: [...dev, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }],
  };
}

function helpMenu({ actions }: MenuOptions): MenuItemConstructorOptions {
  return {
    role: 'help',
    submenu: [
      { label: 'About Pastiche', click: () => actions.command({ type: 'about' }) },
      { label: 'Model Card…', click: () => actions.modelCard() },
      separator,
      { label: 'Show Logs', accelerator: 'CmdOrCtrl+Shift+L', click: () => actions.command({ type: 'show-logs' }) },
    ],
  };
}

/** The macOS application menu (its About is the system panel set up by setAboutPanel). */
const appMenu: MenuItemConstructorOptions = {
  label: 'Pastiche',
  submenu: [{ role: 'about' }, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
};

/** The native menu: File, Edit, View, (Window on macOS) and Help, with the studio's shortcuts. */
export function menuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  return [
    ...(mac ? [appMenu] : []),
    fileMenu(o),
    { role: 'editMenu' },
    viewMenu(o),
    ...(mac ? [{ role: 'windowMenu' } as const] : []),
    helpMenu(o),
  ];
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
