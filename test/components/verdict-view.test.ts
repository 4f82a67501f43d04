import { describe, expect, it } from 'vitest';
import {
  addressesToSuppress,
  describeOutcome,
  MESSAGES,
  dmarcNote,
  omittedNote,
  outcomeOfClassification,
  outcomeOfLookup,
  summaryLine,
  unexplainedNote,
  verdictCounts,
  viewFromVerdict,
} from '../../components/verdict-view';
import { advice, classification, explanation, fakeAdvise, verdict } from './fixtures';

const dmarc = verdict({
  recipient: 'neko@example.com',
  status: '5.7.26',
  reason: 'authfailure',
  hard: false,
  evidence: [],
});

describe('outcomeOfClassification', () => {
  it('makes one view per recipient with its own advice', () => {
    const outcome = outcomeOfClassification(classification([verdict(), dmarc]), fakeAdvise);
    expect(outcome.state).toBe('views');
    if (outcome.state !== 'views') return;
    expect(outcome.views.map((v) => [v.recipient, v.status, v.advice.suppress])).toEqual([
      ['kijitora@example.jp', '5.1.1', true],
      ['neko@example.com', '5.7.26', false],
    ]);
    expect(outcome.views[0].evidence).toHaveLength(2);
    expect(new Set(outcome.views.map((v) => v.id)).size).toBe(2);
  });

  it('says why there are no cards instead of showing an empty one', () => {
    expect(outcomeOfClassification({ kind: 'error', error: 'input is empty' }, fakeAdvise)).toEqual({
      state: 'message',
      tone: 'error',
      text: 'Could not read this input: input is empty',
    });
    expect(outcomeOfClassification(classification([], { kind: 'not-bounce' }), fakeAdvise)).toMatchObject({
      text: MESSAGES.notBounce,
    });
    expect(outcomeOfClassification(classification([], { kind: 'autoreply' }), fakeAdvise)).toMatchObject({
      text: MESSAGES.autoreply,
    });
    expect(outcomeOfClassification(classification([]), fakeAdvise)).toMatchObject({ text: MESSAGES.noRecipients });
  });

  it('reuses explanations from lookup() when they match the recipients one to one', () => {
    const titled = explanation({ title: 'Mailbox unavailable', suppress: false });
    const outcome = outcomeOfClassification(classification([verdict()]), fakeAdvise, [titled]);
    if (outcome.state !== 'views') throw new Error('expected views');
    expect(outcome.views[0].title).toBe('Mailbox unavailable');
    expect(outcome.views[0].advice.suppress).toBe(false);
  });
});

describe('outcomeOfLookup', () => {
  it('shows one card per explanation for a bare code', () => {
    const outcome = outcomeOfLookup({ query: '550 5.1.1', results: [explanation()] }, fakeAdvise);
    if (outcome.state !== 'views') throw new Error('expected views');
    expect(outcome.views).toHaveLength(1);
    expect(outcome.views[0]).toMatchObject({ recipient: '', status: '5.1.1', reply: '550', evidence: [] });
    expect(outcome.views[0].codesUsual).toBeUndefined();
  });

  it("marks the code of a looked-up token as the one usually sent with it, when the query gave none", () => {
    const token = explanation({ reply: '550', status: '5.7.1', providerTokens: ['S3150'], title: 'Blocked by Outlook.com' });
    const bare = outcomeOfLookup({ query: 'S3150', results: [token] }, fakeAdvise);
    if (bare.state !== 'views') throw new Error('expected views');
    expect(bare.views[0].codesUsual).toBe(true);
    const given = outcomeOfLookup({ query: '550 5.7.1 Unfortunately, messages from [192.0.2.1] weren\'t sent. (S3150)', results: [token] }, fakeAdvise);
    if (given.state !== 'views') throw new Error('expected views');
    expect(given.views[0].codesUsual).toBeUndefined();
  });

  it('prefers the classified bounce with its recipients and evidence', () => {
    const c = classification([verdict()]);
    const outcome = outcomeOfLookup({ query: 'raw', results: [], classification: c }, fakeAdvise);
    if (outcome.state !== 'views') throw new Error('expected views');
    expect(outcome.views[0].recipient).toBe('kijitora@example.jp');
    expect(outcome.classification).toBe(c);
  });

  it('shows each of several pasted replies, not one unnamed card, when the bounce names no address', () => {
    // lookup('550 5.1.1\n421 4.7.0 TSS04\n5.7.26'): classified as a bounce of one unnamed recipient, explained per reply.
    const unnamed = classification([verdict({ recipient: '', evidence: [] })]);
    const note = '3 replies, each explained on its own below.';
    const results = [explanation(), explanation({ reply: '421', status: '4.7.0', providerTokens: ['TSS04'] }), explanation({ reply: '', status: '5.7.26' })];
    const outcome = outcomeOfLookup({ query: '550 5.1.1\n421 4.7.0 TSS04\n5.7.26', results, note, classification: unnamed }, fakeAdvise);
    if (outcome.state !== 'views') throw new Error('expected views');
    expect(outcome.views.map((v) => v.status)).toEqual(['5.1.1', '4.7.0', '5.7.26']);
    expect(outcome.note).toBe(note);
    // With no explanation to show, the unnamed card is still better than nothing.
    expect(outcomeOfLookup({ query: 'x', results: [], classification: unnamed }, fakeAdvise)).toMatchObject({ state: 'views', classification: unnamed });
    // A named recipient keeps its card.
    expect(outcomeOfLookup({ query: 'x', results, note, classification: classification([verdict()]) }, fakeAdvise)).toMatchObject({ state: 'views', views: [{ recipient: 'kijitora@example.jp' }] });
  });

  it('keeps the note that says the cards are readings of one code, and announces it', () => {
    const note = '5.2.2 has 2 possible readings below.';
    const outcome = outcomeOfLookup({ query: '5.2.2', results: [explanation(), explanation()], note }, fakeAdvise);
    expect(outcome).toMatchObject({ state: 'views', note });
    expect(describeOutcome(outcome)).toBe(`2 results. ${note}`);
    expect(outcomeOfLookup({ query: '550 5.1.1', results: [explanation()] }, fakeAdvise)).not.toHaveProperty('note');
  });

  it('passes on the message lookup() gives, or a default one', () => {
    expect(outcomeOfLookup({ query: 'hello', results: [], message: 'No code found.' }, fakeAdvise)).toMatchObject({
      state: 'message',
      text: 'No code found.',
    });
    expect(outcomeOfLookup({ query: 'hello', results: [] }, fakeAdvise)).toMatchObject({ text: MESSAGES.noCode });
  });
});

describe('addressesToSuppress and describeOutcome', () => {
  it('lists suppressed recipients once each and skips code-only views', () => {
    const c = classification([verdict(), dmarc, verdict()]);
    const outcome = outcomeOfClassification(c, fakeAdvise);
    if (outcome.state !== 'views') throw new Error('expected views');
    expect(addressesToSuppress(outcome.views)).toEqual(['kijitora@example.jp']);
    const lookedUp = outcomeOfLookup({ query: '550', results: [explanation()] }, fakeAdvise);
    if (lookedUp.state !== 'views') throw new Error('expected views');
    expect(addressesToSuppress(lookedUp.views)).toEqual([]);
    // The words of the summary line; the advice only when every card says the same.
    expect(describeOutcome(outcome)).toBe('3 recipients, 1 to suppress, 1 policy block.');
    expect(describeOutcome(outcomeOfClassification(classification([verdict()]), fakeAdvise))).toBe('1 recipient, 1 to suppress. The mailbox does not exist.');
  });
});

describe('dmarcNote', () => {
  it("names the domain that failed, and says nothing when the sender was not doubted", () => {
    const failed = (domain: string) => outcomeOfClassification(classification([verdict()], { dmarcFail: { domain, line: 'Authentication-Results: x; dmarc=fail' } }), fakeAdvise);
    expect(dmarcNote(failed('example.net'))).toMatch(/^The mailbox that received this report could not verify it: its sender, example\.net, failed DMARC\./);
    expect(dmarcNote(failed(''))).toContain('could not verify it: its sender failed DMARC.');
    const unreadable = outcomeOfClassification(classification([verdict()], { dmarcFail: { domain: 'example.net', line: 'x', unreadable: true } }), fakeAdvise);
    expect(dmarcNote(unreadable)).toContain('could not verify it: the authentication result it wrote cannot be read whole.');
    expect(dmarcNote(outcomeOfClassification(classification([verdict()]), fakeAdvise))).toBe('');
    expect(dmarcNote({ state: 'idle' })).toBe('');
  });
});

describe('omittedNote', () => {
  it('says how many recipients of a very long report were counted but not read', () => {
    const outcome = outcomeOfClassification(classification([verdict()], { omittedRecipients: 19_000 }), fakeAdvise);
    expect(omittedNote(outcome)).toBe('This report names 19,000 more recipients, counted but not read: only the first recipient was read.');
    expect(omittedNote(outcomeOfClassification(classification([verdict()]), fakeAdvise))).toBe('');
    expect(omittedNote({ state: 'idle' })).toBe('');
  });

  it('says how many lines of a long text were not read', () => {
    const outcome = outcomeOfClassification(classification([verdict()], { unreadLines: 6_962 }), fakeAdvise);
    expect(omittedNote(outcome)).toBe('Only the first 2,000 lines of this text were read; 6,962 more lines were not, and a failure named there is not shown. To read the rest, paste it in smaller parts.');
  });

  it('says how many recipients a log names as delivered beside those that failed', () => {
    const outcome = outcomeOfClassification(classification([verdict()], { acceptedRecipients: 35 }), fakeAdvise);
    expect(omittedNote(outcome)).toBe('35 other recipients it names were accepted or delivered, and are not shown.');
    const one = outcomeOfClassification(classification([verdict()], { acceptedRecipients: 1, omittedRecipients: 2 }), fakeAdvise);
    expect(omittedNote(one)).toBe('This report names 2 more recipients, counted but not read: only the first 2 were read. 1 other recipient it names was accepted or delivered, and is not shown.');
  });
});

describe('omittedNote of a long mail log', () => {
  it('counts the delivered recipients among those read: 1 failed and 999 delivered are the first 1,000, not "the first 1"', () => {
    const log = outcomeOfClassification(classification([verdict()], { acceptedRecipients: 999, omittedRecipients: 1_000, unreadLines: 1_000 }), fakeAdvise);
    expect(omittedNote(log)).toBe(
      'This report names 1,000 more recipients, counted but not read: only the first 1,000 were read. ' +
        'Only the first 2,000 lines of this text were read; 1,000 more lines were not, and a failure named there is not shown. ' +
        'To read the rest, paste it in smaller parts. ' +
        '999 other recipients it names were accepted or delivered, and are not shown.',
    );
    const one = outcomeOfClassification(classification([verdict()], { unreadLines: 1 }), fakeAdvise);
    expect(omittedNote(one)).toContain('1 more line was not, and a failure named there is not shown. To read the rest, paste it in smaller parts.');
  });
});

describe('summaryLine of looked-up codes', () => {
  it('is left out when lookup() notes what the results are, and kept otherwise', () => {
    const two = [explanation(), explanation({ reply: '', status: '5.7.26', reason: 'authfailure', title: 'Multiple authentication checks failed' })];
    expect(summaryLine(outcomeOfLookup({ query: '550 5.1.1, 5.7.26', results: two, note: '2 codes, each explained on its own below.' }, fakeAdvise))).toBe('');
    expect(summaryLine(outcomeOfLookup({ query: '550 5.1.1, 5.7.26', results: two }, fakeAdvise))).toBe('2 results');
  });
});

describe('codes typed as a list that no card explains', () => {
  const only511 = (query: string) => outcomeOfLookup({ query, results: [explanation()] }, fakeAdvise);

  it('are named above the cards, so "550 5.1.1 / 5.7.26" does not read as a dead address alone', () => {
    expect(only511('550 5.1.1 / 5.7.26')).toMatchObject({ note: '5.7.26 in your text is not explained below: type it on its own to see what it means.' });
    expect(only511('Error codes: 550 5.1.1 and 5.7.26 & 4.7.0')).toMatchObject({
      note: '5.7.26, 4.7.0 in your text are not explained below: type each on its own to see what it means.',
    });
    // After lookup()'s own note.
    const noted = outcomeOfLookup({ query: '5.1.1, 550 5.7.26', results: [explanation()], note: 'One note.' }, fakeAdvise);
    expect(noted).toMatchObject({ note: 'One note. 5.7.26 in your text is not explained below: type it on its own to see what it means.' });
  });

  it('are not a version, a code explained already, or a code in words around the reply', () => {
    expect(unexplainedNote('550 5.1.1, 5.1.1', [viewFromVerdict(verdict(), advice(), 0)])).toBe('');
    expect(only511('After the SOGo 5.7.1: 5.1.1')).not.toHaveProperty('note');
    expect(only511('Upgraded from 5.7.25 to 5.7.26, now 550 5.1.1')).not.toHaveProperty('note');
    expect(only511('550 5.1.1 user unknown; lee@example.org: 452 4.2.2 mailbox full')).not.toHaveProperty('note');
  });
});

describe('verdictCounts', () => {
  it('counts a success notice, an automatic reply and a complaint by name, not as failures', () => {
    const nothing = advice({ permanent: false, suppress: false, retry: { kind: 'none', summary: 'Nothing to retry.' } });
    const complaint = { ...nothing, layer: 'policy' as const, senderSignal: true };
    const views = [
      viewFromVerdict(verdict({ reason: 'delivered' }), nothing, 0),
      viewFromVerdict(verdict({ recipient: 'a@example.net', reason: 'vacation' }), nothing, 1),
      viewFromVerdict(verdict({ recipient: 'b@example.net', reason: 'vacation' }), nothing, 2),
      viewFromVerdict(verdict({ recipient: 'c@example.net', reason: 'feedback' }), complaint, 3),
    ];
    expect(verdictCounts(views)).toEqual(['1 delivered', '2 automatic replies', '1 spam complaint']);
  });
});
