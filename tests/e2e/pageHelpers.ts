import type { Locator, Page } from 'playwright-core';

/** Drops a file on an element the way a browser does: dragenter, dragover and drop with a DataTransfer holding a File. */
export async function dropFile(page: Page, target: Locator, name: string, bytes: Uint8Array, type: string): Promise<void> {
  const element = await target.elementHandle();
  if (!element) throw new Error('drop target not found');
  await page.evaluate(
    ({ element, base64, name, type }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      for (const kind of ['dragenter', 'dragover', 'drop']) {
        element.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    },
    { element, base64: Buffer.from(bytes).toString('base64'), name, type },
  );
}

/** Pastes a file as the browser does for an image on the clipboard: a paste event whose clipboardData holds it. */
export async function pasteFile(page: Page, name: string, bytes: Uint8Array, type: string): Promise<void> {
  await page.evaluate(
    ({ base64, name, type }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const clipboard = new DataTransfer();
      clipboard.items.add(new File([data], name, { type }));
      document.body.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: clipboard }));
    },
    { base64: Buffer.from(bytes).toString('base64'), name, type },
  );
}

export interface Pixels {
  width: number;
  height: number;
  data: number[];
}

/** The pixels currently painted on the preview canvas. */
export function previewPixels(page: Page): Promise<Pixels> {
  return page.getByRole('img', { name: 'Preview', exact: true }).evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    return { width: c.width, height: c.height, data: Array.from(data) };
  });
}

/** Mean absolute difference per RGB channel (0–255); Infinity when the sizes differ. */
export function meanDifference(a: Pixels, b: Pixels): number {
  if (a.width !== b.width || a.height !== b.height) return Infinity;
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) sum += Math.abs(a.data[i + c]! - b.data[i + c]!);
  }
  return sum / ((a.data.length / 4) * 3);
}

/** The progress bar's aria-valuenow (iterations done). */
export async function iterationsDone(page: Page): Promise<number> {
  return Number(await page.getByRole('progressbar', { name: 'Progress' }).getAttribute('aria-valuenow'));
}

/** Types a value into a labelled number field and commits it with Enter. */
export async function setNumber(page: Page, label: string, value: number): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(String(value));
  await page.getByLabel(label, { exact: true }).press('Enter');
}
