/**
 * Files the popup cannot read: an Outlook .msg, a screenshot, a PDF, an archive. They are told
 * apart by their first bytes (the format's signature), then by how much of them is binary, and
 * named by extension when the bytes say only "binary". A file whose bytes read as text is read,
 * whatever its name.
 */

interface Signature {
  bytes: readonly number[];
  /** Where the signature starts (0 unless said). */
  at?: number;
  what: (ext: string) => string;
}

const OFFICE = new Set(['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods']);

const SIGNATURES: readonly Signature[] = [
  // OLE compound file: Outlook .msg, and old Word/Excel files.
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    what: (ext) => (OFFICE.has(ext) ? 'an Office document' : 'an Outlook message file (.msg)'),
  },
  { bytes: [0x21, 0x42, 0x44, 0x4e], what: () => 'an Outlook data file (.pst)' },
  { bytes: [0x78, 0x9f, 0x3e, 0x22], what: () => 'an Outlook winmail.dat attachment' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: () => 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: () => 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: () => 'a GIF image' },
  { bytes: [0x57, 0x45, 0x42, 0x50], at: 8, what: () => 'a WebP image' },
  { bytes: [0x66, 0x74, 0x79, 0x70], at: 4, what: () => 'an image or video' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: () => 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: (ext) => (OFFICE.has(ext) ? 'an Office document' : 'a ZIP archive') },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: () => 'a ZIP archive' },
  { bytes: [0x1f, 0x8b], what: () => 'a compressed (gzip) file' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: () => 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: () => 'a 7-Zip archive' },
];

/** What a binary file of this extension is, when its bytes do not say. */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  msg: 'an Outlook message file (.msg)',
  oft: 'an Outlook template (.oft)',
  pst: 'an Outlook data file (.pst)',
  ost: 'an Outlook data file (.ost)',
  png: 'a PNG image',
  jpg: 'a JPEG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  webp: 'a WebP image',
  heic: 'an image',
  bmp: 'an image',
  tif: 'an image',
  tiff: 'an image',
  pdf: 'a PDF document',
  zip: 'a ZIP archive',
  gz: 'a compressed file',
  '7z': 'an archive',
  rar: 'an archive',
  ...Object.fromEntries([...OFFICE].map((ext) => [ext, 'an Office document'])),
};

/** How much of the start of a file is looked at. */
export const SNIFF_BYTES = 64 * 1024;

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
}

/** UTF-16 text (Windows Notepad's "Unicode"), by its byte order mark; undefined otherwise. */
export function utf16Encoding(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * True when the bytes are not text: more than one in a hundred a NUL, or more than one in twenty
 * a control character that text does not use. (Tab, line ends, form feed and the escape that
 * starts ISO-2022-JP's shifts are text; a stray NUL in a long message is tolerated.)
 */
export function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, SNIFF_BYTES);
  let nuls = 0;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) nuls++;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) controls++;
  }
  return nuls * 100 > n || controls * 20 > n;
}

/**
 * What kind of file this is, in words ('an Outlook message file (.msg)'), when the popup cannot
 * read it; undefined when it is text (a message source, a saved mailbox, a pasted bounce).
 */
export function unreadableFileType(name: string, head: Uint8Array): string | undefined {
  const ext = extensionOf(name);
  if (utf16Encoding(head)) return undefined;
  for (const sig of SIGNATURES) {
    const at = sig.at ?? 0;
    if (head.length >= at + sig.bytes.length && sig.bytes.every((b, i) => head[at + i] === b)) return sig.what(ext);
  }
  if (!looksBinary(head)) return undefined;
  return BY_EXTENSION[ext] ?? 'a binary file';
}
