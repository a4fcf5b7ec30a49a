/**
 * Issue 19 item 5: the pane's selected-indicators list says which typed lines it could not resolve (and
 * what the search finds for them) instead of only "1 selected".
 */
import { describe, expect, test } from 'vitest';
import { selectionSummary } from '../../../addin/taskpane/indicator-picker';
import { readReleaseFile } from '../../../node/release-file';
import { ReleaseIndex } from '../../../shared/release/release-index';

const cat = new ReleaseIndex(readReleaseFile()).catalog();

describe('selected indicators summary', () => {
  test('every line known: the count', () => {
    expect(selectionSummary(cat, 2, [])).toMatch(/^2 selected\. Ticking/);
  });

  test('unknown lines are named, with what the search finds for each', () => {
    const s = selectionSummary(cat, 1, ['children in care', 'zzqq nonsense']);
    expect(s).toMatch(
      /^1 selected\. Not found, left out: "children in care" \(did you mean LACnum or LAC or [^?]+\?\); "zzqq nonsense" \(no indicator matches its words\)\./,
    );
  });

  test('many unknown lines: the first five, then how many more', () => {
    const s = selectionSummary(cat, 0, ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7']);
    expect(s).toMatch(/"a5" \([^)]*\) and 2 more\./);
    expect(s).not.toMatch(/"a6"/);
  });
});
