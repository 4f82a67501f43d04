/** inspectMessages's wiring: bytes in, options passed through, failures caught. classify is mocked. */
import { PassThrough } from 'node:stream';
import type { ClassifyOptions, RawInput } from '../../lib';

const calls: { input: RawInput; options?: ClassifyOptions }[] = [];
let behaviour: 'ok' | 'throw' | 'refuse' = 'ok';

vi.mock('../../lib', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib')>();
  return {
    ...actual,
    classify: async (input: RawInput, options?: ClassifyOptions) => {
      calls.push({ input, options });
      if (behaviour === 'throw') throw new Error('boom');
      if (behaviour === 'refuse') return { kind: 'error', error: 'empty input' };
      return {
        kind: 'not-bounce', reportingMta: '', provider: '', subject: '', from: '',
        original: { subject: '', messageId: '', from: '', to: '', date: '' }, recipients: [],
      };
    },
  };
});

const { inspectMessages } = await import('../../cli/inspect');

/** The one result of an input that holds one message. */
async function inspectSource(...args: Parameters<typeof inspectMessages>) {
  const out = [];
  for await (const item of await inspectMessages(...args)) out.push(item);
  expect(out).toHaveLength(1);
  return out[0];
}

beforeEach(() => {
  calls.length = 0;
  behaviour = 'ok';
});

function stdinWith(text: string) {
  const stream = new PassThrough();
  stream.end(text);
  return stream;
}

it('passes a raw message to classify as bytes', async () => {
  const result = await inspectSource({ kind: 'stdin', name: '-' }, { text: false, stdin: stdinWith('Subject: é\n\nbody') });
  expect(result.result.kind).toBe('not-bounce');
  expect(calls).toHaveLength(1);
  expect(calls[0].input).toBeInstanceOf(Uint8Array);
  expect(Buffer.from(calls[0].input as Uint8Array).toString()).toBe('Subject: é\n\nbody');
  expect(calls[0].options).toEqual({ text: false });
});

it('with --text, passes the text decoded as UTF-8 and asks for the text path', async () => {
  await inspectSource({ kind: 'stdin', name: '-' }, { text: true, stdin: stdinWith('550 5.1.1 宛先不明 nope') });
  expect(calls[0].input).toBe('550 5.1.1 宛先不明 nope');
  expect(calls[0].options).toEqual({ text: true });
});

it('a throwing classifier becomes an error result, not a crash', async () => {
  behaviour = 'throw';
  const result = await inspectSource({ kind: 'stdin', name: '-' }, { text: false, stdin: stdinWith('x') });
  expect(result.result).toEqual({ kind: 'error', error: 'standard input: the classifier failed: boom' });
});

it("the classifier's own refusal is kept, prefixed with the file", async () => {
  behaviour = 'refuse';
  const result = await inspectSource({ kind: 'stdin', name: '-' }, { text: false, stdin: stdinWith('') });
  expect(result.result).toEqual({ kind: 'error', error: 'standard input: empty input' });
});

it('an unreadable source never reaches classify', async () => {
  const result = await inspectSource({ kind: 'unreadable', name: 'x', path: '/x', error: '/x: no such file or directory' }, { text: false });
  expect(result.result).toEqual({ kind: 'error', error: '/x: no such file or directory' });
  expect(calls).toHaveLength(0);
});
