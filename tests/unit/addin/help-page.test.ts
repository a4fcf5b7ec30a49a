/**
 * The help page: contents linking every function in functions.json, a section per function, and worked
 * examples whose stated answers are what the formulas give on the default release (evaluated here exactly
 * as `cic eval` does), so a new release or a changed function cannot leave the page saying something false.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without types
import { EXAMPLES, helpPage, WORKED } from '../../../addin/build/help-page.mjs';
import { functionsJson } from '../../../addin/build/functions-json';
import { DEFAULT_RELEASE_PATH, readReleaseFile } from '../../../node/release-file';
import { evaluateFormula, formatOutcome } from '../../../shared/formulas/evaluate';
import { ReleaseIndex } from '../../../shared/release/release-index';

interface Example {
  formula: string;
  result: string;
  means: string;
}
const metadata = JSON.parse(functionsJson('https://localhost:3000')) as { functions: { id: string }[] };
const html: string = helpPage(metadata);
const examples = Object.entries(EXAMPLES as Record<string, Example>);
const steps = (WORKED as { steps: Example[] }[]).flatMap((w) => w.steps);

describe('help page', () => {
  it('has contents linking to a section for every function, each section present once', () => {
    for (const { id } of metadata.functions) {
      expect(html).toContain(`<a href="#${id}"><code>CIC.${id}</code></a>`);
      expect(html.split(`<section id="${id}" `).length - 1, id).toBe(1);
    }
    for (const anchor of ['errors', 'worked', 'rag-key', 'functions']) expect(html).toContain(`id="${anchor}"`);
  });

  it('keeps examples for functions that exist, each calling the function it documents', () => {
    const ids = new Set(metadata.functions.map((f) => f.id));
    for (const [id, e] of examples) {
      expect(ids.has(id), `example for unknown function ${id}`).toBe(true);
      expect(e.formula.startsWith(`=CIC.${id}(`)).toBe(true);
      expect(html).toContain(`<code>${e.formula.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</code>`);
    }
    // The worked example the dashboards start from: placement stability 7.7 → quartile 1.
    expect(steps[0]).toMatchObject({ formula: '=CIC.QUARTILE("LACStable_2016on", 7.7, 2019)', result: '1' });
  });

  describe.skipIf(!existsSync(DEFAULT_RELEASE_PATH))('on the default release', () => {
    const src = existsSync(DEFAULT_RELEASE_PATH) ? new ReleaseIndex(readReleaseFile()) : null;
    it.each([...examples.map(([, e]) => e), ...steps].map((e) => [e.formula, e.result]))('%s → %s', async (formula, result) => {
      expect(formatOutcome(await evaluateFormula(formula, src!))).toBe(result);
    });
  });
});
