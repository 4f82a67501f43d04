/**
 * Forwards of bounces: the forwarded notice decides, in any language, forwarded again or not;
 * a reply quoting a bounce is a conversation, not a bounce.
 */
import { describe, expect, it } from 'vitest';
import { classifyText } from '../../lib/classify/classify';
import { forwardedNotice } from '../../lib/classify/forward';
import type { Classification, ClassifyResult } from '../../lib/types';

function ok(r: ClassifyResult): Classification {
  if (r.kind === 'error') throw new Error(r.error);
  return r;
}

const NDR = `Delivery has failed to these recipients or groups:

kim@example.org
The email address you entered couldn't be found.

Diagnostic information for administrators:

kim@example.org
Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'
`;

describe('forwardedNotice', () => {
  it('finds the notice under a marker in other languages, with its From and Subject', () => {
    const fr = forwardedNotice(`Bonjour Luc,\n\nvoici le retour.\n\n-----Message d'origine-----\nDe : Microsoft Outlook <postmaster@sender.example>\nEnvoyé : lundi 2 mars 2026 09:14\nÀ : Anne <anne@sender.example>\nObjet : Non remis : Devis\n\n${NDR}`);
    expect(fr).toMatchObject({ from: 'Microsoft Outlook <postmaster@sender.example>', subject: 'Non remis : Devis' });
    expect(fr!.text.trim().startsWith('Delivery has failed')).toBe(true);
  });

  it("unquotes Apple Mail's forward and reads Outlook's underscore separator only above a From field", () => {
    const apple = forwardedNotice('See below.\n\nBegin forwarded message:\n\n> From: Mail Delivery Subsystem <MAILER-DAEMON@example.jp>\n> Subject: Returned mail\n>\n> 550 5.1.1 <kim@example.com>... User unknown');
    expect(apple).toMatchObject({ subject: 'Returned mail', text: '550 5.1.1 <kim@example.com>... User unknown' });
    expect(forwardedNotice('Notes\n' + '_'.repeat(32) + '\nFrom: Microsoft Outlook <postmaster@sender.example>\nSubject: Undeliverable: x\n\nbody')?.subject).toBe('Undeliverable: x');
    expect(forwardedNotice('A table\n' + '_'.repeat(32) + '\nTotal: 42')).toBeUndefined();
  });
});

describe('classify: forwarded bounces', () => {
  const forward = (note: string, marker = '---------- Forwarded message ---------') =>
    `${note}\n\n${marker}\nFrom: Microsoft Outlook <postmaster@sender.example>\nDate: Mon, 2 Mar 2026 at 09:14\nSubject: Undeliverable: Offer\nTo: <anna@sender.example>\n\n${NDR}`;

  it("reads the forwarded notice, never the addresses of the forwarder's note", async () => {
    const r = ok(await classifyText(forward('Hi Sam, this came back. Kim may be kim.schulz@example.net now.\n\n--\nAnna | sales@sender.example'), { subject: 'Fwd: Undeliverable: Offer', from: 'Anna <anna@sender.example>' }));
    expect(r.recipients.map((v) => [v.recipient, v.hard])).toEqual([['kim@example.org', true]]);
  });

  it('unwraps a forward of a forward, in another language too', async () => {
    const twice = `Escalating.\n\n---------- Forwarded message ---------\nFrom: Anna <anna@sender.example>\nSubject: Fwd: Undeliverable: Offer\nTo: Sam <sam@sender.example>\n\n${forward('Sam, this bounced.')}`;
    expect(ok(await classifyText(twice, { subject: 'Fwd: Fwd: Undeliverable: Offer', from: 'Sam <sam@sender.example>' })).recipients.map((v) => v.recipient)).toEqual(['kim@example.org']);
    const es = forward('Hola, mira esto.', '-----Mensaje original-----');
    expect(ok(await classifyText(es, { subject: 'RV: No se puede entregar: Oferta', from: 'Lucía <lucia@sender.example>' })).recipients.map((v) => v.recipient)).toEqual(['kim@example.org']);
  });

  it("takes a person's reply quoting a bounce for no bounce, in any language", async () => {
    for (const subject of ['RE: FW: Undeliverable: Offer', '答复: 转发: Undeliverable: Offer', 'Vá: Undeliverable: Offer', 'RES: Undeliverable: Offer']) {
      const r = ok(await classifyText(forward("Kim's address is right, please don't remove her.", '-----Original Message-----'), { subject, from: 'Sam <sam@sender.example>' }));
      expect([r.kind, r.recipients.length], subject).toEqual(['not-bounce', 0]);
    }
  });
});

describe('classify: subjects that only look like a bounce', () => {
  it("takes a person's sentence about bounces, a newsletter or a recall report for no bounce", async () => {
    const person = ok(await classifyText('Every email I send to acct@example.net comes back with\n550 5.1.1 user unknown\nCould your server be rewriting it?', { subject: 'Undeliverable emails to our accountant', from: 'Maria <maria@client.example>' }));
    expect(person.kind).toBe('not-bounce');
    const recall = ok(await classifyText('Recipient   Recall status\nkim@example.org   Failed: the message has already been read\nlee@example.org   Succeeded', { subject: 'Message Recall Report for message: Figures', from: 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@sender.example>' }));
    expect(recall.kind).toBe('not-bounce');
  });

  it("still reads a mail system's own subject from a sender it does not know", async () => {
    const r = ok(await classifyText('<kim@example.org>:\n550 5.1.1 no such user', { subject: 'Permanent Delivery Failure', from: 'SecurityGateway <noreply@example.ru>' }));
    expect(r.recipients.map((v) => [v.recipient, v.hard])).toEqual([['kim@example.org', true]]);
  });

  it("never lists the reader greeted or addressed as \"your mailbox\"", async () => {
    const r = ok(await classifyText('Hello bob@sender.example,\n\nthe group you tried to contact (sales) may not exist, or you may not have permission to post.\n\n----- Original message -----\n\nFrom: Bob <bob@sender.example>\nTo: sales@googlegroups.com\nSubject: Order', { subject: 'Delivery Status Notification (Failure)', from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>' }));
    expect(r.recipients.map((v) => [v.recipient, v.hard])).toEqual([['sales@googlegroups.com', false]]);
  });
});
