/** An image the user brought in: decoded once, shown as a thumbnail, rasterised at each run's size. */
export interface LoadedImage {
  id: number;
  name: string;
  bitmap: ImageBitmap;
  width: number;
  height: number;
  /** Object URL of the original file, for thumbnails (the browser applies EXIF orientation). */
  thumbnail: string;
  /** The file's bytes as they were brought in (kept with a run's checkpoint, to resume it after a crash). */
  original: Blob;
  token?: string;
}
