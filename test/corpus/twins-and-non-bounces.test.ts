/**
 * Messages that must come out a certain way whatever the label tables say: the two ordinary
 * messages in not/, and the CRLF (dos/) and bare-CR (mac/) copies, which must read exactly
 * like their LF originals in bsd/.
 */
import type { ClassifyResult } from '../../lib';
import { listMessages, readMessage } from './corpus';
import { CORPUS, MISSING, classifyOrError } from './setup';

/** The parts of a result that must not depend on line endings. */
function essence(result: ClassifyResult) {
  if (result.kind === 'error') return { kind: result.kind, error: result.error };
  return {
    kind: result.kind,
    recipients: result.recipients.map(({ recipient, status, reply, reason, hard }) => ({ recipient, status, reply, reason, hard })),
  };
}

describe.skipIf(MISSING)('not/: ordinary messages', () => {
  const files = MISSING ? [] : listMessages(CORPUS, 'not');

  it('has the two not-bounce samples', () => {
    expect(files.length).toBe(2);
  });

  it.each(files)('%s is not a bounce', async (file) => {
    const result = await classifyOrError(readMessage(CORPUS, 'not', file));
    expect(result.kind).toBe('not-bounce');
  });
});

for (const folder of ['dos', 'mac']) {
  describe.skipIf(MISSING)(`${folder}/: same verdict as the bsd/ original`, () => {
    const files = MISSING ? [] : listMessages(CORPUS, folder);

    it('has samples', () => {
      expect(files.length).toBeGreaterThan(0);
    });

    it.each(files)('%s', async (file) => {
      const original = essence(await classifyOrError(readMessage(CORPUS, 'bsd', file)));
      const twin = essence(await classifyOrError(readMessage(CORPUS, folder, file)));
      expect(twin).toEqual(original);
    });
  });
}
