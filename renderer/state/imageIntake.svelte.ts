import type { DroppedFile, Host, ImageFile, ImageRole } from '../../app/host/contract.js';
import { decodeImage } from '../image/decodeImage.js';
import { loadedImage, MAX_STYLES, type ImageSet, type LoadedImage } from './images.svelte.js';
import type { Notices } from './notices.svelte.js';
import { userMessage } from './userMessage.js';

/** Brings images in (dialog, drop, paste, host command), decodes them and reports problems as sentences. */
export class ImageIntake {
  /** Files being read or decoded, for a busy indicator. */
  pending = $state(0);

  constructor(
    private readonly host: Host,
    private readonly images: ImageSet,
    private readonly notices: Notices,
    /** Sees each file brought in (e.g. to find the run settings an exported image carries); true holds the file back. */
    private readonly inspect: (file: ImageFile, role: ImageRole) => boolean | void = () => {},
  ) {}

  async browse(role: ImageRole): Promise<void> {
    try {
      await this.accept(await this.host.openImages(role, role === 'style'), role);
    } catch (e) {
      this.notices.error(userMessage(e, 'opening the image'));
    }
  }

  async drop(files: readonly DroppedFile[], role: ImageRole): Promise<void> {
    const read = await Promise.all(files.map((f) => this.read(f)));
    await this.accept(read.filter((f): f is ImageFile => f !== null), role);
  }

  async accept(files: readonly ImageFile[], role: ImageRole): Promise<void> {
    const held = files.filter((f) => this.inspect(f, role) === true);
    await this.place(files.filter((f) => !held.includes(f)), role);
  }

  /** Decodes the files and puts them in place, without looking for run settings in them. */
  async place(files: readonly ImageFile[], role: ImageRole): Promise<void> {
    const decoded = (await Promise.all(files.map((f) => this.decode(f)))).filter((d): d is LoadedImage => d !== null);
    if (decoded.length === 0) return;
    if (role === 'content') {
      this.images.setContent(decoded[0]!);
      decoded.slice(1).forEach((d) => this.images.addStyles([d]));
      if (decoded.length > 1) this.notices.info(`“${decoded[0]!.name}” is the photo; the other images were added as styles.`);
      return;
    }
    const left = this.images.addStyles(decoded);
    if (left > 0) this.notices.error(`A picture can blend at most ${MAX_STYLES} styles; ${left} image${left > 1 ? 's were' : ' was'} not added.`);
  }

  async replaceStyle(id: number): Promise<void> {
    const [file] = await this.host.openImages('style', false).catch((e: unknown) => {
      this.notices.error(userMessage(e, 'opening the image'));
      return [];
    });
    const image = file ? await this.decode(file) : null;
    if (image) this.images.replaceStyle(id, image);
  }

  private async read(file: DroppedFile): Promise<ImageFile | null> {
    this.pending += 1;
    try {
      return await this.host.readDroppedFile(file);
    } catch (e) {
      this.notices.error(userMessage(e, `reading “${file.name}”`));
      return null;
    } finally {
      this.pending -= 1;
    }
  }

  private async decode(file: ImageFile): Promise<LoadedImage | null> {
    this.pending += 1;
    try {
      return loadedImage(file, await decodeImage(file));
    } catch (e) {
      this.notices.error(userMessage(e, `opening “${file.name}”`));
      return null;
    } finally {
      this.pending -= 1;
    }
  }
}
