import { describe, expect, it } from 'vitest';
import { inertText, ticketNote } from '../../components/ticket-note';
import { HELP_LINKS } from '../../lib/knowledge/help-links';
import { viewFromExplanation, viewFromVerdict } from '../../components/verdict-view';
import { advice, explanation, POLICY_ADVICE, verdict } from './fixtures';

describe('ticketNote', () => {
  it('summarises each recipient: what happened, what to do next', () => {
    const views = [
      viewFromVerdict(verdict(), advice(), 0),
      viewFromVerdict(verdict({ recipient: 'neko@example.com', status: '5.7.26', reason: 'authfailure' }), POLICY_ADVICE, 1),
    ];
    const note = ticketNote(views, { subject: 'Invoice 42' });
    // What each recipient comes to, in the words of the panel's bar, not only how many to suppress.
    expect(note).toContain('Bounce summary: 2 recipients, 1 to suppress, 1 policy block.\nBounced message: Invoice 42');
    expect(note).toContain('kijitora@example.jp (550 5.1.1)\n');
    expect(note).toContain('Address: suppress it; stop mailing it now.');
    expect(note).toContain('neko@example.com (550 5.7.26)');
    expect(note).toContain('Retry: Fix authentication before sending again.');
    expect(note).toContain('Next steps:\n  1. Publish an SPF record.\n  2. Sign with DKIM.\n  3. Check DMARC alignment.');
    expect(note).toContain('Who acts: You, the sender.');
    expect(note).toContain('Server said: 550 5.1.1 ‹kijitora@example.jp›: Recipient address rejected: User unknown');
  });

  it('says what the cards leave out, so a long log with one failure does not read as the whole log', () => {
    const omitted = 'Only the first 2,000 lines of this text were read; 1,000 more lines were not, and a failure named there is not shown.';
    const note = ticketNote([viewFromVerdict(verdict(), advice(), 0)], { omitted });
    expect(note.split('\n').slice(0, 2)).toEqual(['Bounce summary: 1 recipient, 1 to suppress.', `Not shown: ${omitted}`]);
    expect(ticketNote([viewFromVerdict(verdict(), advice(), 0)], { omitted: '' })).not.toContain('Not shown');
  });

  it("says a delay notice's recipient is still being retried, not only that none is to suppress", () => {
    const retry = { kind: 'backoff' as const, summary: 'Let your mail server retry.' };
    const view = viewFromVerdict(verdict({ action: 'delayed', status: '4.2.2', reply: '452', reason: 'mailboxfull' }), advice({ suppress: false, permanent: false, retry }), 0);
    expect(ticketNote([view]).split('\n')[0]).toBe('Bounce summary: 1 recipient, 1 still being retried.');
  });

  it('names a looked-up code by its title and says it is a lookup', () => {
    const note = ticketNote([viewFromExplanation(explanation({ providerTokens: ['S3150'] }), 0)]);
    expect(note.startsWith('Bounce code lookup: 1 result.\n\nBad destination mailbox address (550 5.1.1)')).toBe(true);
    expect(note).toContain('Provider code: S3150');
  });

  it('says so when the report it rests on names no failed address, rather than calling it a lookup', () => {
    const note = ticketNote([viewFromVerdict(verdict({ recipient: '' }), advice(), 0)], { subject: 'Invoice 42' });
    expect(note.startsWith('Bounce summary: the report names no failed address; find it in the message you sent.\nBounced message: Invoice 42')).toBe(true);
  });

  it('does not say where a success notice or a complaint failed', () => {
    const nothing = advice({ permanent: false, suppress: false, layer: 'policy', retry: { kind: 'none', summary: 'Nothing to retry.' } });
    const note = ticketNote([viewFromVerdict(verdict({ reason: 'feedback', status: '', reply: '' }), nothing, 0)]);
    expect(note).not.toContain('Failed at');
    expect(note).toContain('Who acts: You, the sender.');
  });

  it('names nobody who acts on a success notice or an automatic reply', () => {
    const nothing = advice({ permanent: false, suppress: false, whoActs: 'both', retry: { kind: 'none', summary: 'Nothing to retry.' } });
    for (const reason of ['delivered', 'vacation'] as const) {
      const note = ticketNote([viewFromVerdict(verdict({ reason, status: '', reply: '' }), nothing, 0)]);
      expect(note, reason).not.toContain('Who acts');
      expect(note.trim().split("\n\n"), reason).toHaveLength(2); // the summary, then one section with no empty line in it
    }
  });

  describe('quotes what came from the bounce as inert text', () => {
    const hostile = [
      '550 5.1.1 [click](javascript:alert(1)) <img src=x onerror=alert(2)> ![pixel](https://track.example.net/p.gif)',
      'see https://evil.example.com/reset?u=1 or www.phish.example.org/login or <https://auto.example.io>',
      '<script>alert(3)</script>\n# Heading\n[ref]: javascript:alert(4)',
    ].join('\n');
    const views = [
      viewFromVerdict(verdict({ diagnostic: hostile }), advice({ steps: ['Write to <a href="https://x.example">them</a>.'] }), 0),
    ];
    const note = ticketNote(views, { subject: 'Invoice [pay now](https://pay.example.com) <b>' });
    const server = note.split('\n').find((line) => line.startsWith('Server said: '))!;

    it('leaves no tag, Markdown link, autolink or live URL', () => {
      expect(note).not.toMatch(/[<>]/);
      expect(note).not.toMatch(/\]\(/);
      expect(note).not.toMatch(/(?:https?|javascript|data):/i);
      expect(note).not.toMatch(/\bwww\./i);
      // The server's words stay on one line: they cannot start a heading or a link definition.
      expect(note).not.toMatch(/^(?:#|\[ref\])/m);
    });

    it('keeps the words readable', () => {
      expect(server).toBe(
        'Server said: 550 5.1.1 [click] (javascript[:]alert(1)) ‹img src=x onerror=alert(2)› ![pixel] (hxxps://track[.]example[.]net/p.gif) ' +
          'see hxxps://evil[.]example[.]com/reset?u=1 or www[.]phish[.]example[.]org/login or ‹hxxps://auto[.]example[.]io› ' +
          '‹script›alert(3)‹/script› # Heading [ref]: javascript[:]alert(4)',
      );
      expect(note).toContain('Bounced message: Invoice [pay now] (hxxps://pay[.]example[.]com) ‹b›\n');
      expect(note).toContain('  1. Write to ‹a href="hxxps://x[.]example"›them‹/a›.');
    });

    it('defangs bare host names with a path, scheme-less links, mailto and channel-wide mentions', () => {
      expect(inertText('log in at evil.example.com/login?x=1 or //evil.example/rel')).toBe('log in at evil[.]example[.]com/login?x=1 or //evil[.]example/rel');
      expect(inertText('mailto:attacker@evil.example')).toBe('mailto[:]attacker@evil.example');
      expect(inertText('ping @everyone and @here, @all')).toBe('ping (at)everyone and (at)here, (at)all');
    });

    it('drops invisible and direction-changing characters', () => {
      expect(inertText('abc\u202Egpj.exe\u200B')).toBe('abcgpj.exe');
    });

    it('leaves ordinary server words alone', () => {
      const words = '421 4.7.0 mx.example.com:25 try again later; after DATA: 554 (see RFC 5321)';
      expect(inertText(words)).toBe(words);
      expect(inertText(inertText(hostile))).toBe(inertText(hostile));
    });
  });

  it('writes one section per card: a group of addresses with one verdict once, with every address', () => {
    const views = ['a@example.org', 'b@example.org', 'c@example.org'].map((recipient, i) => viewFromVerdict(verdict({ recipient }), advice(), i));
    const note = ticketNote(views);
    expect(note).toContain('3 addresses: the mailbox does not exist: a@example.org, b@example.org, c@example.org (550 5.1.1)');
    expect(note.match(/What happened:/g)).toHaveLength(1);
    expect(note).toContain('Bounce summary: 3 recipients, 3 to suppress.');
  });

  it("quotes each address's own reply where the addresses of a group got different ones", () => {
    const views = [
      viewFromVerdict(verdict({ recipient: 'kim@example.org', diagnostic: '550 5.1.1 <kim@example.org>: User unknown' }), advice(), 0),
      viewFromVerdict(verdict({ recipient: 'lee@example.net', diagnostic: '550 5.1.1 <lee@example.net>... No such user' }), advice(), 1),
    ];
    const note = ticketNote(views);
    expect(note).toContain('Server said (kim@example.org): 550 5.1.1 ‹kim@example.org›: User unknown');
    expect(note).toContain('Server said (lee@example.net): 550 5.1.1 ‹lee@example.net›... No such user');
  });

  it('carries the note that a code has several readings', () => {
    const views = [viewFromExplanation(explanation(), 0), viewFromExplanation(explanation({ reason: 'speeding' }), 1)];
    expect(ticketNote(views, { note: '5.2.2 has 2 possible readings below.' })).toContain('Bounce code lookup: 2 results.\n5.2.2 has 2 possible readings below.\n');
  });

  it("warns of a report whose sender failed DMARC, under the summary, with the domain made inert", () => {
    const views = [viewFromVerdict(verdict(), advice(), 0)];
    const note = ticketNote(views, { warning: 'its sender, evil.example.com/login, failed DMARC.' });
    expect(note.split('\n')[1]).toBe('Warning: its sender, evil[.]example[.]com/login, failed DMARC.');
    expect(note).not.toContain('evil.example.com/login');
    expect(ticketNote(views)).not.toContain('Warning:');
  });

  it("says a looked-up token's code is the one usually sent with it", () => {
    const view = { ...viewFromExplanation(explanation({ reply: '550', status: '5.7.1', title: 'Blocked by Outlook.com', providerTokens: ['S3150'] }), 0), codesUsual: true };
    expect(ticketNote([view]).split('\n')[2]).toBe('Blocked by Outlook.com (550 5.7.1, the code usually sent with it)');
  });

  it('warns of an address that mixes alphabets within one name', () => {
    const view = viewFromVerdict(verdict({ recipient: 'billing@p\u0430ypal.com' }), advice(), 0);
    expect(ticketNote([view])).toContain('Look-alike letters: billing@p\u0430ypal.com mixes Latin and Cyrillic letters');
    expect(ticketNote([viewFromVerdict(verdict(), advice(), 0)])).not.toContain('Look-alike');
  });

  it('keeps our own official help link live, and only that', () => {
    const official = viewFromVerdict(verdict(), advice({ helpUrl: HELP_LINKS['google.errors'] }), 0);
    expect(ticketNote([official])).toContain(`\nHelp: ${HELP_LINKS['google.errors']}\n`);
    const foreign = viewFromVerdict(verdict(), advice({ helpUrl: 'https://evil.example.com/help' }), 0);
    expect(ticketNote([foreign])).not.toContain('Help:');
  });

  it('keeps the official page a step names live, and defangs any other link in a step', () => {
    const page = HELP_LINKS['outlook.support'];
    const steps = [`Ask Outlook.com to lift the block with its sender support form: ${page}`, 'Or write to https://evil.example.com/delist.'];
    const note = ticketNote([viewFromVerdict(verdict(), advice({ steps }), 0)]);
    expect(note).toContain(`1. Ask Outlook.com to lift the block with its sender support form: ${page}\n`);
    expect(note).toContain('2. Or write to hxxps://evil[.]example[.]com/delist.');
  });
});
