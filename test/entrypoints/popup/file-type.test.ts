import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksBinary, unreadableFileType } from '../../../entrypoints/popup/file-type';

const fixture = (path: string) => new Uint8Array(readFileSync(join(__dirname, '../../fixtures', path)));

describe('unreadableFileType', () => {
  it('reads 8-bit and ISO-2022-JP messages as text', () => {
    expect(looksBinary(fixture('charset/iso-2022-jp-subject.eml'))).toBe(false);
    expect(unreadableFileType('x.eml', fixture('charset/iso-2022-jp-subject.eml'))).toBeUndefined();
    const latin1 = Uint8Array.from([...'Subject: caf\xe9 \xe0 la r\xe9sidence\n\n550 5.1.1 \x80\x9f'].map((c) => c.charCodeAt(0)));
    expect(unreadableFileType('x.eml', latin1)).toBeUndefined();
  });

  it('tolerates a stray NUL in a long message but not a NUL-filled file', () => {
    const text = new TextEncoder().encode('Subject: bounce\n\n' + 'a'.repeat(500));
    text[100] = 0;
    expect(looksBinary(text)).toBe(false);
    expect(looksBinary(new Uint8Array(200))).toBe(true);
  });

  it('knows the Outlook .msg signature even under another name', () => {
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x41, 0x42]);
    expect(unreadableFileType('bounce.eml', ole)).toBe('an Outlook message file (.msg)');
    expect(unreadableFileType('old.doc', ole)).toBe('an Office document');
  });

  it('reads the icon as a PNG', () => {
    expect(unreadableFileType('icon.eml', new Uint8Array(readFileSync(join(__dirname, '../../../public/icon/128.png'))))).toBe('a PNG image');
  });
});
