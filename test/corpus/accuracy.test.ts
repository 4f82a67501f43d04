/**
 * The whole development corpus (bsd/) through classify(), scored against labels.json.
 * Fails when agreement on any field drops below its threshold (see score.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listMessages, loadLabels, readMessage } from './corpus';
import {
  FIELD_SCOPE, FIELDS, THRESHOLDS, formatDisagreements, formatScoreTable, rate, scoreCorpus,
  type Label, type Score, type Scored,
} from './score';
import { CORPUS, MISSING, classifyOrError, disagreementLimit } from './setup';

describe.skipIf(MISSING)('corpus accuracy against labels.json', () => {
  let labels: Label[];
  let score: Score;

  beforeAll(async () => {
    labels = loadLabels(CORPUS);
    const rows: Scored[] = [];
    for (const label of labels) {
      rows.push({ label, result: await classifyOrError(readMessage(CORPUS, 'bsd', label.file)) });
    }
    score = scoreCorpus(rows);
    const limit = disagreementLimit();
    console.log(
      `\nCorpus accuracy (${labels.length} files)\n${formatScoreTable(score)}` +
        `\nDisagreements (${score.disagreements.length}; CORPUS_DISAGREEMENTS=all prints every one)\n` +
        formatDisagreements(score.disagreements, limit),
    );
  });

  it('has a label for every message and a message for every label', () => {
    const files = listMessages(CORPUS, 'bsd');
    expect(labels.map((l) => l.file).sort()).toEqual(files);
    for (const label of labels) expect(existsSync(join(CORPUS, 'bsd', label.file))).toBe(true);
  });

  it.each(FIELDS)('%s agreement meets its threshold', (field) => {
    const tally = score.tallies[field];
    expect(tally.total, `nothing was scored for ${field}`).toBeGreaterThan(0);
    expect(
      rate(tally),
      `${field}: ${tally.agree}/${tally.total} agree (${FIELD_SCOPE[field]}); see the disagreement table above`,
    ).toBeGreaterThanOrEqual(THRESHOLDS[field]);
  });
});
