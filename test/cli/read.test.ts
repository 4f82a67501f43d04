/** readSource: the CLI's one reader of files, pipes and devices. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../cli/read';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bounce-inspect-read-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function fifo(name: string): string {
  const path = join(tmp, name);
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
  return path;
}

describe('readSource on what is not a regular file', () => {
  it('reads a device under the size limit instead of reading it forever', async () => {
    const read = await readSource({ kind: 'file', name: 'zero', path: '/dev/zero' });
    expect(read).toEqual({ ok: false, error: expect.stringMatching(/^\/dev\/zero: more than [\d.]+ MB is over the 25 MB limit/) });
  }, 20_000);

  it('gives up on a named pipe nobody writes to', async () => {
    const path = fifo('nobody-writes');
    const started = Date.now();
    const read = await readSource({ kind: 'file', name: 'nobody-writes', path }, undefined, 300);
    expect(read).toEqual({ ok: false, error: `${path}: nothing was written to the pipe for 0.3 s` });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reads what a writer puts in a named pipe', async () => {
    const path = fifo('someone-writes');
    const writer = spawn('sh', ['-c', `sleep 0.2; printf 'Subject: hi\\n\\nbody\\n' > "$1"`, 'sh', path]);
    const read = await readSource({ kind: 'file', name: 'someone-writes', path }, undefined, 5_000);
    expect(read.ok && Buffer.from(read.bytes).toString()).toBe('Subject: hi\n\nbody\n');
    await new Promise((resolve) => writer.on('close', resolve));
  });
});
