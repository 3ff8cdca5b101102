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

/**
 * Writes a whole buffer, looping over short writes: at `position` in the file, or at the file's
 * current position without one.
 */
export async function writeAll(
  fh: {
    write(
      buf: Buffer,
      offset: number,
      length: number,
      position?: number | null
    ): Promise<{ bytesWritten: number }>;
  },
  buf: Buffer,
  position?: number
): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const at = position === undefined ? null : position + off;
    const { bytesWritten } = await fh.write(buf, off, buf.length - off, at);
    off += bytesWritten;
  }
}
