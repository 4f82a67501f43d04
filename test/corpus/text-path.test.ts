/**
 * The webmail path: each corpus bounce's human-readable part alone, as a webmail page shows it,
 * through classify(text, {text: true}). Status and reply are checked against the label wherever
 * that text carries them.
 */
import { loadLabels, readMessage } from './corpus';
import { TEXT_THRESHOLD, formatDisagreements, formatTable, isBounceLabel, rate, scoreTextPath, type TextScore, type TextScored } from './score';
import { CORPUS, MISSING, classifyOrError, disagreementLimit } from './setup';
import { containsCode, webmailText } from './webmail-text';

describe('containsCode', () => {
  it('finds codes standing on their own only', () => {
    expect(containsCode('said: 550 5.1.1 <a@b>', '5.1.1')).toBe(true);
    expect(containsCode('said: 550-5.1.1 no', '550')).toBe(true);
    expect(containsCode('code 5.1.10 here', '5.1.1')).toBe(false);
    expect(containsCode('id 15.1.1', '5.1.1')).toBe(false);
    expect(containsCode('id 4.5.1.1', '5.1.1')).toBe(false);
    expect(containsCode('port 5550', '550')).toBe(false);
    expect(containsCode('anything', '')).toBe(false);
  });
});

describe.skipIf(MISSING)('corpus through the webmail text path', () => {
  let score: TextScore;
  let files = 0;

  beforeAll(async () => {
    const rows: TextScored[] = [];
    for (const label of loadLabels(CORPUS).filter(isBounceLabel)) {
      const text = await webmailText(readMessage(CORPUS, 'bsd', label.file));
      rows.push({ label, text, result: await classifyOrError(text, { text: true }) });
    }
    files = rows.length;
    score = scoreTextPath(rows, containsCode);
    const table = formatTable(
      ['field', 'agree', 'rate'],
      (['status', 'reply'] as const).map((f) => [f, `${score.tallies[f].agree}/${score.tallies[f].total}`, `${(rate(score.tallies[f]) * 100).toFixed(1)}%`]),
    );
    console.log(
      `\nText path (${files} bounces; goal >= ${TEXT_THRESHOLD * 100}%)\n${table}` +
        `\nDisagreements (${score.disagreements.length})\n${formatDisagreements(score.disagreements, disagreementLimit())}`,
    );
  });

  it.each(['status', 'reply'] as const)('%s agreement where the text carries it', (field) => {
    const tally = score.tallies[field];
    expect(tally.total, `no ${field} codes found in the extracted texts: is the extraction broken?`).toBeGreaterThan(files / 2);
    expect(rate(tally), `${field}: ${tally.agree}/${tally.total} agree`).toBeGreaterThanOrEqual(TEXT_THRESHOLD);
  });
});
