import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; `.ci/run` installs it with apt-get when missing. */
export const CHROMIUM = process.env.PASTICHE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless flags: SwiftShader gives WebGL 2 without a GPU (so the studio sees a software renderer and picks
 * wasm, as it should), and nothing reaches the network. Playwright gives every launch a fresh profile.
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--use-gl=angle',
  '--use-angle=swiftshader',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** `extraFlags`, e.g. --enable-unsafe-webgpu (WebGPU on SwiftShader's Vulkan), come after the usual ones. */
export function launchChromium(extraFlags: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...extraFlags] });
}
