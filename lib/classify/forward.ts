/**
 * A person forwarding a notice ("FYI, this bounced" above "---------- Forwarded message"): the
 * forwarded notice below the marker, with the From and Subject its header lines give. Gmail,
 * Outlook, Apple Mail and Thunderbird write the marker and the field names in the reader's
 * language; Apple Mail quotes the whole forward with "> ".
 */

/** Lines that open a forwarded (or, in Outlook, also a replied-to) message, lower-cased. */
const FORWARD_MARKERS = [
  'forwarded message',
  'original message',
  'begin forwarded message:',
  // Gmail's forward in other languages
  'message transféré',
  'mensaje reenviado',
  'weitergeleitete nachricht',
  'messaggio inoltrato',
  'mensagem encaminhada',
  'doorgestuurd bericht',
  'mensaje original',
  // Outlook's "-----Original Message-----" in other languages
  "message d'origine",
  'mensagem original',
  'ursprüngliche nachricht',
  'originalnachricht',
  'messaggio originale',
  'oorspronkelijk bericht',
  'původní zpráva',
  'oryginalna wiadomość',
  'alkuperäinen viesti',
  'opprinnelig melding',
  'ursprungligt meddelande',
  'oprindelig meddelelse',
  'eredeti üzenet',
  'исходное сообщение',
  'пересылаемое сообщение',
  '原始邮件',
  '原始郵件',
  '転送されたメッセージ',
  // Apple Mail's "Begin forwarded message:" in other languages
  'début du message réexpédié',
  'anfang der weitergeleiteten nachricht',
  'inicio del mensaje reenviado',
  'inizio messaggio inoltrato',
];

/** The marker alone on its line, between dashes (or Apple Mail's sentence with its colon). */
function isMarkerLine(line: string): boolean {
  const core = line.replace(/^[\s>]+/, '').toLowerCase();
  if (core.length > 80) return false;
  const bare = core.replace(/^-{2,}\s?|\s?-{2,}$/g, '').trim();
  const dashed = core.startsWith('--');
  return FORWARD_MARKERS.some((m) => (m.endsWith(':') ? bare.startsWith(m.slice(0, -1)) : dashed && bare === m));
}

/** Outlook's newer separator above a forward or a reply: a line of underscores. */
function isRule(line: string): boolean {
  return /^[ \t>]*_{10,}[ \t]*$/.test(line);
}

/** Does a From field open the line at `at` (under such a separator)? */
function opensFields(text: string, at: number): boolean {
  const field = /^[ \t>]*\*?([^\s:：*]{1,20})\*?\s*[:：]/.exec(text.slice(at, at + 60));
  return field !== null && FROM_FIELDS.has(field[1].toLowerCase());
}

/** Header field names of a forward, by what they hold. */
const FROM_FIELDS = new Set(['from', 'de', 'von', 'da', 'van', 'od', 'från', 'fra', 'feladó', 'от', 'kimden', 'lähettäjä', '发件人', '寄件者', '差出人']);
const SUBJECT_FIELDS = new Set(['subject', 'objet', 'asunto', 'assunto', 'betreff', 'oggetto', 'onderwerp', 'temat', 'ämne', 'emne', 'tárgy', 'тема', 'konu', 'aihe', 'předmět', '主题', '主旨', '件名']);
const TO_FIELDS = new Set(['to', 'à', 'a', 'para', 'an', 'aan', 'do', 'till', 'til', 'címzett', 'кому', 'kime', 'vastaanottaja', 'komu', '收件人', '宛先']);
const OTHER_FIELDS = new Set([
  'date', 'sent', 'cc', 'reply-to', 'envoyé', 'gesendet', 'inviato', 'enviado', 'enviada', 'verzonden', 'fecha', 'data', 'datum', 'wysłano', 'skickat', 'sendt',
  'elküldve', 'отправлено', 'дата', 'tarih', 'lähetetty', 'odesláno', '发送时间', '抄送', '日期', '寄件日期', '送信日時', 'gönderildi',
]);

/** How far into a text a forward marker is looked for, and how many field lines follow it. */
const MARKER_SEARCH = 64 * 1024;
const MAX_FIELD_LINES = 40;

export interface ForwardedNotice {
  text: string;
  from: string;
  subject: string;
  /** Who the forwarded message went to (its To field): the forwarder, for a forwarded bounce. */
  to: string;
}

/** How much of a From or Subject field is kept. */
const MAX_FIELD = 1024;

/** The notice below the first forward marker in `text`, or undefined when there is none. */
export function forwardedNotice(text: string): ForwardedNotice | undefined {
  const head = text.length > MARKER_SEARCH ? text.slice(0, MARKER_SEARCH) : text;
  let at = 0;
  for (;;) {
    const nl = head.indexOf('\n', at);
    const end = nl === -1 ? head.length : nl;
    if (end - at <= 120 && (isMarkerLine(head.slice(at, end)) || (isRule(head.slice(at, end)) && opensFields(head, end + 1)))) break;
    if (nl === -1) return undefined;
    at = nl + 1;
  }
  // Apple Mail quotes the forward: every line below the marker starts with ">".
  let probe = text.indexOf('\n', at) + 1;
  for (let n = 0; probe > 0 && probe < text.length && n < 4 && !lineAt(text, probe, 200).trim(); n++) probe = nextLine(text, probe);
  const quoted = probe > 0 && /^[ \t]*>/.test(lineAt(text, probe, 4));
  const unquote = (line: string) => (quoted ? line.replace(/^[ \t]*> ?/, '') : line);
  let from = '';
  let subject = '';
  let to = '';
  // The field lines under the marker (and the blank lines just under it), one at a time.
  let pos = text.indexOf('\n', at) + 1;
  for (let blank = 0; pos > 0 && pos < text.length && blank < 2 && !unquote(lineAt(text, pos)).trim(); blank++) pos = nextLine(text, pos);
  for (let n = 0; pos > 0 && pos < text.length && n < MAX_FIELD_LINES; n++) {
    const line = unquote(lineAt(text, pos));
    if (!line.trim()) {
      pos = nextLine(text, pos); // the blank line under the fields
      break;
    }
    const field = fieldOf(line);
    if (!field) {
      // A folded field (Outlook wraps a long To line) continues the one above.
      if (/^[ \t]/.test(line) && n > 0) {
        pos = nextLine(text, pos);
        continue;
      }
      break;
    }
    if (FROM_FIELDS.has(field.name)) from = field.value;
    if (SUBJECT_FIELDS.has(field.name)) subject = field.value;
    if (TO_FIELDS.has(field.name) && !to) to = field.value;
    pos = nextLine(text, pos);
  }
  const rest = pos > 0 && pos <= text.length ? text.slice(pos) : '';
  return { text: quoted ? rest.replace(/^[ \t]*> ?/gm, '') : rest, from, subject, to };
}

/** The line starting at `pos`, at most `max` characters of it. */
function lineAt(text: string, pos: number, max = 2000): string {
  const nl = text.indexOf('\n', pos);
  const end = nl === -1 ? text.length : nl;
  return text.slice(pos, Math.min(end, pos + max));
}

/** Where the line after the one at `pos` starts (0 when there is none). */
function nextLine(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl === -1 ? text.length : nl + 1;
}

/** A forward's header field ("From: ...", "De : ...", "*Subject:* ..."), by a known name. */
function fieldOf(line: string): { name: string; value: string } | undefined {
  const colon = line.slice(0, 40).search(/[:：]/);
  if (colon <= 0) return undefined;
  const name = line.slice(0, colon).replace(/^[ \t*]+|[ \t*]+$/g, '').toLowerCase();
  if (!(FROM_FIELDS.has(name) || SUBJECT_FIELDS.has(name) || TO_FIELDS.has(name) || OTHER_FIELDS.has(name))) return undefined;
  return { name, value: line.slice(colon + 1, colon + 1 + MAX_FIELD).replace(/^[ \t*]+/, '').trimEnd() };
}
