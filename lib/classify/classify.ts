import type { ClassifyOptions, ClassifyResult, RawInput } from '../types';

/** Inputs larger than this are refused with a clear error (Gmail's own cap is 25 MB). */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;

// Placeholder while the pipeline is written: says "not a bounce" for everything.
export async function classify(_input: RawInput, _options: ClassifyOptions = {}): Promise<ClassifyResult> {
  return {
    kind: 'not-bounce',
    reportingMta: '',
    provider: '',
    subject: '',
    from: '',
    original: { subject: '', messageId: '', from: '', to: '', date: '' },
    recipients: [],
  };
}

export function classifyText(text: string, options: Omit<ClassifyOptions, 'text'> = {}): Promise<ClassifyResult> {
  return classify(text, { ...options, text: true });
}
