import type { ImageFile } from '../../app/host/contract.js';
import type { DecodedImage } from '../image/decodeImage.js';
import type { LoadedImage } from './loadedImage.js';

export type { LoadedImage } from './loadedImage.js';

export const MAX_STYLES = 8;

let nextId = 1;

export function loadedImage(file: ImageFile, decoded: DecodedImage): LoadedImage {
  const original = new Blob([file.bytes as Uint8Array<ArrayBuffer>]);
  const thumbnail = URL.createObjectURL(original);
  return { id: nextId++, name: decoded.name, bitmap: decoded.bitmap, width: decoded.width, height: decoded.height, thumbnail, original, token: decoded.token };
}

export function release(image: LoadedImage | null | undefined): void {
  if (!image) return;
  image.bitmap.close();
  URL.revokeObjectURL(image.thumbnail);
}

/** The content photo and the style images. */
export class ImageSet {
  content = $state.raw<LoadedImage | null>(null);
  styles = $state.raw<LoadedImage[]>([]);

  /** `retire` is told of each image taken off screen (Undo may bring it back; by default it is released at once). */
  constructor(private readonly retire: (image: LoadedImage) => void = release) {}

  get ready(): boolean {
    return this.content !== null && this.styles.length > 0;
  }

  setContent(image: LoadedImage): void {
    if (this.content) this.retire(this.content);
    this.content = image;
  }

  removeContent(): void {
    if (this.content) this.retire(this.content);
    this.content = null;
  }

  /** Adds styles up to the limit; returns how many did not fit. */
  addStyles(images: LoadedImage[]): number {
    const room = Math.max(0, MAX_STYLES - this.styles.length);
    images.slice(room).forEach(release);
    this.styles = [...this.styles, ...images.slice(0, room)];
    return Math.max(0, images.length - room);
  }

  replaceStyle(id: number, image: LoadedImage): void {
    this.styles.filter((s) => s.id === id).forEach(this.retire);
    this.styles = this.styles.map((s) => (s.id === id ? image : s));
  }

  removeStyle(id: number): void {
    this.styles.filter((s) => s.id === id).forEach(this.retire);
    this.styles = this.styles.filter((s) => s.id !== id);
  }
}
