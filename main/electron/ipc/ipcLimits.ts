/**
 * The most bytes of an image sent to main in one request. Chromium caps one IPC message at 128 MiB
 * (134 MB: content/app/mojo/mojo_init.cc, max_message_num_bytes); an image travels in one message beside its
 * name and the message's envelope, which get the rest. A 4096 px PNG of a detailed painting is about 40 MB.
 */
export const MAX_IPC_IMAGE_BYTES = 120_000_000;

const MB = 1e6;

/** Why an image of `byteLength` bytes cannot be sent to main, in the user's words; null when it can. */
export function tooLargeToSend(byteLength: number): string | null {
  if (byteLength <= MAX_IPC_IMAGE_BYTES) return null;
  return (
    `This picture is ${(byteLength / MB).toFixed(0)} MB once encoded, more than the ${(MAX_IPC_IMAGE_BYTES / MB).toFixed(0)} MB ` +
    'the desktop app can save in one piece; nothing was saved. Export it as JPEG or WebP, or at a smaller size.'
  );
}
