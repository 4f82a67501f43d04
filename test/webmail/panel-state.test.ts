import { panelAttributes } from '../../utils/bounce-panels/panel-state';
import { parseColor } from '../../utils/bounce-panels/page-theme';
import type { Classification, RecipientVerdict } from '../../lib/types';

function verdict(over: Partial<RecipientVerdict>): RecipientVerdict {
  return {
    recipient: 'a@example.net', action: 'failed', status: '5.1.1', reply: '550', remoteMta: '', diagnostic: '',
    reason: 'userunknown', permanent: true, hard: true, provider: '', providerTokens: [], feedback: '', basis: '', statusImplied: false, evidence: [], ...over,
  };
}
function result(kind: Classification['kind'], recipients: RecipientVerdict[]): Classification {
  return { kind, reportingMta: '', provider: '', subject: '', from: '', original: { subject: '', messageId: '', from: '', to: '', date: '' }, recipients };
}

describe('panelAttributes', () => {
  it('describes the first failed recipient of a bounce', () => {
    const attrs = panelAttributes(
      result('bounce', [verdict({ action: 'delivered', status: '2.0.0', reply: '250', reason: 'delivered' }), verdict({}), verdict({ status: '5.7.1', reason: 'blocked' })]),
    );
    expect(attrs).toEqual({ 'data-state': 'bounce', 'data-status': '5.1.1', 'data-reply': '550', 'data-reason': 'userunknown', 'data-recipients': '2' });
  });
  it('marks a delay notice as delay', () => {
    const attrs = panelAttributes(result('delay', [verdict({ action: 'delayed', status: '4.2.2', reply: '452', reason: 'mailboxfull' })]));
    expect(attrs['data-state']).toBe('delay');
    expect(attrs['data-status']).toBe('4.2.2');
    expect(attrs['data-recipients']).toBe('1');
  });
  it('says none for anything else, and nothing while reading', () => {
    expect(panelAttributes(result('not-bounce', []))['data-state']).toBe('none');
    expect(panelAttributes({ kind: 'error', error: 'too large' })).toMatchObject({ 'data-state': 'none', 'data-recipients': '0' });
    expect(panelAttributes(null)['data-state']).toBeNull();
  });
});

describe('parseColor', () => {
  it('reads computed colours', () => {
    expect(parseColor('rgb(32, 33, 36)')).toEqual([32, 33, 36, 1]);
    expect(parseColor('rgba(0, 0, 0, 0)')).toEqual([0, 0, 0, 0]);
    expect(parseColor('rgb(255 255 255 / 50%)')).toEqual([255, 255, 255, 0.5]);
    expect(parseColor('transparent')).toBeNull();
  });
});
