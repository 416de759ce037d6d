import type { MenuItemConstructorOptions, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { setAboutPanel, VGG_ATTRIBUTION } from '../../main/electron/about.js';
import { fileArguments, launchDataFiles } from '../../main/electron/commandLine.js';
import { HostCommands } from '../../main/electron/hostCommands.js';
import { EVENT_CHANNELS } from '../../main/electron/ipc/channels.js';
import { menuTemplate, type MenuActions, type MenuOptions } from '../../main/electron/menu.js';
import { electron, FakeWebContents } from './fakeElectron.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

function actions(): MenuActions {
  return { command: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn(), modelCard: vi.fn() };
}

function options(overrides: Partial<MenuOptions> = {}): MenuOptions {
  return { platform: 'linux', isDev: false, recent: [], actions: actions(), ...overrides };
}

const submenu = (item: MenuItemConstructorOptions | undefined) => item!.submenu as MenuItemConstructorOptions[];
const byLabel = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label)!;
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('native menu', () => {
  it('has File, Edit, View and Help, with the studio shortcuts sending host commands', () => {
    const o = options();
    const template = menuTemplate(o);
    expect(template.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'help']);
    const file = submenu(template[0]);
    const shortcuts = file.filter((i) => i.accelerator).map((i) => [i.label, i.accelerator]);
    expect(shortcuts).toEqual([
      ['Open Content…', 'CmdOrCtrl+O'],
      ['Add Style…', 'CmdOrCtrl+Shift+O'],
      ['Export…', 'CmdOrCtrl+E'],
    ]);
    click(byLabel(file, 'Open Content…'));
    click(byLabel(file, 'Add Style…'));
    click(byLabel(file, 'Export…'));
    expect(o.actions.command).toHaveBeenNthCalledWith(1, { type: 'open-content' });
    expect(o.actions.command).toHaveBeenNthCalledWith(2, { type: 'add-style' });
    expect(o.actions.command).toHaveBeenNthCalledWith(3, { type: 'export' });
    expect(file.at(-1)).toEqual({ role: 'quit' });
  });

  it('lists recent images, opens the one clicked, and clears them', () => {
    const entry = { path: '/pics/starry night.jpg', role: 'style' as const };
    const o = options({ recent: [{ path: '/pics/cat.png', role: 'content' }, entry] });
    const recent = submenu(byLabel(submenu(menuTemplate(o)[0]), 'Open Recent'));
    expect(recent.map((i) => i.label ?? i.type)).toEqual(['cat.png', 'starry night.jpg (style)', 'separator', 'Clear Recent']);
    click(recent[1]!);
    expect(o.actions.openRecent).toHaveBeenCalledWith(entry);
    click(byLabel(recent, 'Clear Recent'));
    expect(o.actions.clearRecent).toHaveBeenCalled();

    const empty = submenu(byLabel(submenu(menuTemplate(options())[0]), 'Open Recent'));
    expect(empty[0]).toMatchObject({ label: 'No Recent Images', enabled: false });
    expect(byLabel(empty, 'Clear Recent').enabled).toBe(false);
  });

  it('offers reload and developer tools only in development', () => {
    const roles = (isDev: boolean) => submenu(menuTemplate(options({ isDev }))[2]).map((i) => i.role ?? i.type);
    expect(roles(false)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('has Help ▸ About and Model Card, and the macOS application and window menus', () => {
    const o = options({ platform: 'darwin' });
    const template = menuTemplate(o);
    expect(template.map((m) => m.label ?? m.role)).toEqual(['Pastiche', 'File', 'editMenu', 'View', 'windowMenu', 'help']);
    const help = submenu(template.at(-1));
    click(byLabel(help, 'About Pastiche'));
    click(byLabel(help, 'Model Card…'));
    expect(o.actions.command).toHaveBeenCalledWith({ type: 'about' });
    expect(o.actions.modelCard).toHaveBeenCalled();
    expect(submenu(template[1]).at(-1)).toEqual({ role: 'close' });
  });

  it('credits the VGG19 weights in the system About panel, with the version', () => {
    setAboutPanel();
    expect(electron.app.setAboutPanelOptions).toHaveBeenCalledWith({
      applicationName: 'Pastiche',
      applicationVersion: '1.2.3',
      credits: 'VGG19 weights by K. Simonyan and A. Zisserman (Visual Geometry Group, University of Oxford), CC BY 4.0',
    });
    expect(VGG_ATTRIBUTION).toMatch(/CC BY 4.0$/);
  });
});

describe('host commands', () => {
  const commandsSent = (contents: FakeWebContents) => contents.sent.filter(([c]) => c === EVENT_CHANNELS.command).map(([, p]) => p);

  it('wait until the studio listens, then arrive in order', () => {
    const commands = new HostCommands();
    const contents = new FakeWebContents();
    commands.attach(contents as unknown as WebContents);
    commands.send({ type: 'open-content' });
    commands.send({ type: 'export' });
    expect(commandsSent(contents)).toEqual([]);
    commands.listening(contents as unknown as WebContents);
    expect(commandsSent(contents)).toEqual([{ type: 'open-content' }, { type: 'export' }]);
    commands.send({ type: 'add-style' });
    expect(commandsSent(contents)).toHaveLength(3);
    expect(commands.pending).toBe(0);
  });

  it('wait again while the page reloads, and ignore other pages saying they listen', () => {
    const commands = new HostCommands();
    const contents = new FakeWebContents();
    commands.attach(contents as unknown as WebContents);
    commands.listening(contents as unknown as WebContents);
    contents.emit('did-start-loading');
    commands.send({ type: 'about' });
    commands.listening(new FakeWebContents() as unknown as WebContents);
    expect(commandsSent(contents)).toEqual([]);
    commands.listening(contents as unknown as WebContents);
    expect(commandsSent(contents)).toEqual([{ type: 'about' }]);
  });
});

describe('command line', () => {
  it('takes the files after the app, resolved against the working folder, without switches', () => {
    expect(fileArguments(['/opt/Pastiche/pastiche', 'cat.jpg', '--no-sandbox', '/pics/wave.png'], '/home/me', false)).toEqual([
      '/home/me/cat.jpg',
      '/pics/wave.png',
    ]);
    expect(fileArguments(['/usr/bin/electron', '.', 'cat.jpg'], '/home/me', true)).toEqual(['/home/me/cat.jpg']);
  });

  it('accepts only absolute paths from a second instance', () => {
    expect(launchDataFiles({ files: ['/pics/a.png'] })).toEqual(['/pics/a.png']);
    expect(launchDataFiles({ files: ['relative.png'] })).toEqual([]);
    expect(launchDataFiles({ files: 'a.png' })).toEqual([]);
    expect(launchDataFiles(undefined)).toEqual([]);
  });
});
