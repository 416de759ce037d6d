import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../main/node/fs/atomicWrite.js';
import { checkOutputPath } from '../../main/node/fs/checkOutputPath.js';
import { OutputFileError } from '../../main/node/fs/outputFileError.js';
import { listFolder, useTempFolders } from '../fixtures/tempFolder.js';
import { unwritableFolder, unwritableUnavailable } from '../fixtures/unwritableFolder.js';

const tempFolder = useTempFolders();
const bytes = (text: string) => new TextEncoder().encode(text);

async function rejection(p: Promise<unknown>): Promise<OutputFileError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(OutputFileError);
  return e as OutputFileError;
}

describe('writeFileAtomic', () => {
  it('writes the bytes and leaves no temp file', async () => {
    const dir = await tempFolder();
    const file = path.join(dir, 'out.png');
    await writeFileAtomic(file, bytes('hello'));
    expect(await readFile(file, 'utf8')).toBe('hello');
    expect(await listFolder(dir)).toEqual(['out.png']);
  });

  it('refuses to replace an existing file, which stays byte-identical', async () => {
    const dir = await tempFolder();
    const file = path.join(dir, 'out.png');
    await writeFile(file, 'precious');
    const e = await rejection(writeFileAtomic(file, bytes('new')));
    expect(e.problem).toBe('exists');
    expect(e.message).toBe(`${file} already exists`);
    expect(await readFile(file, 'utf8')).toBe('precious');
    expect(await listFolder(dir)).toEqual(['out.png']);
  });

  it('replaces an existing file with overwrite', async () => {
    const dir = await tempFolder();
    const file = path.join(dir, 'out.png');
    await writeFile(file, 'old');
    await writeFileAtomic(file, bytes('new'), { overwrite: true });
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await listFolder(dir)).toEqual(['out.png']);
  });

  it('says when the folder does not exist', async () => {
    const dir = await tempFolder();
    const file = path.join(dir, 'missing', 'out.png');
    const e = await rejection(writeFileAtomic(file, bytes('x')));
    expect(e.problem).toBe('no-folder');
    expect(e.message).toBe(`cannot write ${file}: the folder ${path.join(dir, 'missing')} does not exist`);
    expect(await listFolder(dir)).toEqual([]);
  });

  it('says when the parent is a file, not a folder', async () => {
    const dir = await tempFolder();
    await writeFile(path.join(dir, 'notes.txt'), 'x');
    const file = path.join(dir, 'notes.txt', 'out.png');
    const e = await rejection(writeFileAtomic(file, bytes('x')));
    expect(e.problem).toBe('not-a-folder');
    expect(e.message).toBe(`cannot write ${file}: ${path.join(dir, 'notes.txt')} is not a folder`);
  });

  it('removes the temp file when the final step fails (target is a folder)', async () => {
    const dir = await tempFolder();
    const target = path.join(dir, 'out.png');
    await mkdir(target);
    await expect(writeFileAtomic(target, bytes('x'), { overwrite: true })).rejects.toBeInstanceOf(OutputFileError);
    expect(await listFolder(dir)).toEqual(['out.png']);
    expect(await listFolder(target)).toEqual([]);
  });
});

describe('checkOutputPath', () => {
  it('accepts a new file in a writable folder and leaves nothing behind', async () => {
    const dir = await tempFolder();
    await checkOutputPath(path.join(dir, 'out.png'));
    expect(await listFolder(dir)).toEqual([]);
  });

  it('refuses an existing file unless overwrite is allowed', async () => {
    const dir = await tempFolder();
    const file = path.join(dir, 'out.png');
    await writeFile(file, 'keep');
    expect((await rejection(checkOutputPath(file))).problem).toBe('exists');
    await checkOutputPath(file, { overwrite: true });
    expect(await readFile(file, 'utf8')).toBe('keep');
    expect(await listFolder(dir)).toEqual(['out.png']);
  });

  it('refuses a folder as the output', async () => {
    const dir = await tempFolder();
    const e = await rejection(checkOutputPath(dir, { overwrite: true }));
    expect(e.message).toBe(`cannot write ${dir}: it is a folder`);
  });

  it('reports a missing folder and a parent that is a file', async () => {
    const dir = await tempFolder();
    await writeFile(path.join(dir, 'file'), 'x');
    expect((await rejection(checkOutputPath(path.join(dir, 'nope', 'out.png')))).problem).toBe('no-folder');
    expect((await rejection(checkOutputPath(path.join(dir, 'file', 'out.png')))).problem).toBe('not-a-folder');
  });

  it.skipIf(unwritableUnavailable !== null)('reports a folder without write permission, and writes nothing there', async () => {
    const locked = await unwritableFolder(await tempFolder());
    try {
      const file = path.join(locked.path, 'pastiche-out.png');
      const e = await rejection(checkOutputPath(file));
      expect([e.problem, e.message], locked.how).toEqual(['not-writable', `cannot write ${file}: permission denied in ${locked.path}`]);
      const write = await rejection(writeFileAtomic(file, bytes('hello')));
      expect([write.problem, write.message], locked.how).toEqual(['not-writable', `cannot write ${file}: permission denied in ${locked.path}`]);
      expect(locked.leftovers('pastiche-out.png')).toEqual([]);
    } finally {
      await locked.release();
    }
  });
});
