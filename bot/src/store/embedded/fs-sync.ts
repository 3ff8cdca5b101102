/** Small durable-filesystem helpers. */
import { open } from 'node:fs/promises';

/**
 * fsyncs a directory so a file created, renamed or deleted in it survives a crash. Some platforms
 * (Windows) cannot open directories; there the rename itself is the best available guarantee.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await fh.sync();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw e;
  } finally {
    await fh.close();
  }
}

/** Writes a whole buffer at the file's current position, looping over short writes. */
export async function writeAll(
  fh: { write(buf: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }> },
  buf: Buffer
): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off);
    off += bytesWritten;
  }
}
