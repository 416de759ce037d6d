import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The MD5 of a file, as lowercase hex (the checksum Keras publishes for its weights files). */
export async function md5File(file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
