/**
 * Hostile input: the knowledge functions never throw and return well-formed answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REASON_NAMES, type Reason } from '../../lib/reasons';
import { advise, detectProvider, explainReply, explainStatus, isOfficialHelpUrl, lookup, matchProviderResponse } from '../../lib/knowledge';

const bounceish = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(fc.constantFrom('550', '5.7.1', '4.2.2', '421-4.7.0', '(S3150)', '[TSS04]', 'AS(', '?p=', 'gsmtp', ' ', '\n', 'ib', 'aup#', 'ofr_', '[', '(', 'blocked using', 'case?c='), { maxLength: 40 }).map((a) => a.join('')),
);

describe('robustness', () => {
  it('detectProvider and matchProviderResponse take any text', () => {
    fc.assert(
      fc.property(bounceish, fc.option(fc.string({ maxLength: 8 })), fc.option(fc.string({ maxLength: 8 })), (text, reply, status) => {
        const lower = text.toLowerCase();
        const d = detectProvider(lower);
        expect(Array.isArray(d.tokens)).toBe(true);
        const m = matchProviderResponse(lower, { reply: reply ?? undefined, status: status ?? undefined });
        if (m) expect(REASON_NAMES).toContain(m.reason);
      }),
      { numRuns: 300 },
    );
    expect(detectProvider(undefined as unknown as string)).toEqual({ provider: '', tokens: [] });
  });

  it('explainStatus and explainReply answer only for real codes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const st = explainStatus(s);
        if (st) expect(st.status).toMatch(/^[245]\.\d{1,3}\.\d{1,3}$/);
        const rp = explainReply(s);
        if (rp) expect(rp.reply).toMatch(/^[2-5]\d\d$/);
      }),
      { numRuns: 300 },
    );
  });

  it('advise and lookup never throw and keep their promises', async () => {
    await fc.assert(
      fc.asyncProperty(bounceish, fc.constantFrom(...REASON_NAMES), fc.boolean(), async (text, reason: Reason, permanent) => {
        const a = advise({ reason, status: '', reply: '', permanent, hard: permanent, provider: '', providerTokens: [], diagnostic: text });
        if (a.suppress) expect(['userunknown', 'hostunknown', 'hasmoved', 'notaccept']).toContain(reason);
        if (a.helpUrl) expect(isOfficialHelpUrl(a.helpUrl)).toBe(true);
        const r = await lookup(text);
        expect(r.results.length > 0 || typeof r.message === 'string').toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
