// The help page every function's @helpurl points at, generated from functions.json so it cannot drift:
// a table of contents, each function's section (signature, parameters, an example), and worked examples
// that rebuild lines of a council's committee papers. Every example's answer is what `cic eval` gives on
// the default release; tests/unit/addin/help-page.test.ts evaluates each one so none goes stale.
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** One example per function id: the formula, what `cic eval` prints for it on the default release, and how to read it. */
export const EXAMPLES = {
  QUARTILE: {
    formula: '=CIC.QUARTILE("LACStable_2016on", 7.7, 2019)',
    result: '1',
    means: 'A 7.7% rate of children with three or more placements in 2018/19 is in the top quartile (lower is better).',
  },
  BAND: { formula: '=CIC.BAND("LACStable_2016on", 8.7, 2020)', result: 'A', means: 'The same as a LAIT band letter: A is the best quarter.' },
  POSITION: {
    formula: '=CIC.POSITION("LACStable_2016on", 8.7, 2020)',
    result: '0.0333333333333334',
    means: 'Close to 0: at the worse edge of its quartile, a small rise would move it into the second.',
  },
  BOUNDARIES: {
    formula: '=CIC.BOUNDARIES("LACStable_2016on", 2019)',
    result: '[[3,9,11,12,20]]',
    means: 'Minimum, the three quartile cut points and maximum across English local authorities.',
  },
  RANK: { formula: '=CIC.RANK("LACStable_2016on", 8.7, 2020)', result: '27', means: '27th best of the local authorities with a published value.' },
  COUNT: { formula: '=CIC.COUNT("LACStable_2016on", 2020)', result: '150', means: 'How many local authorities the quartiles are computed over.' },
  VALUE: {
    formula: '=CIC.VALUE("LACStable_2016on", "Leicestershire", 2020)',
    result: '8',
    means: "The figure DfE published for 2019/20, rounded as published (the council's own report quoted 8.7%).",
  },
  NATIONAL: { formula: '=CIC.NATIONAL("LACStable_2016on", 2020)', result: '11', means: 'The England figure for the year.' },
  SNAVG: {
    formula: '=CIC.SNAVG("LACStable_2016on", "Leicestershire", 2020)',
    result: '13.1',
    means: "Average of Leicestershire's ten statistical neighbours (2025 neighbour model).",
  },
  NEIGHBOURS: {
    formula: '=CIC.NEIGHBOURS("Leicestershire")',
    result:
      '[[916,"Gloucestershire"],[803,"South Gloucestershire"],[937,"Warwickshire"],[802,"North Somerset"],[850,"Hampshire"],[865,"Wiltshire"],[933,"Somerset"],[938,"West Sussex"],[811,"East Riding of Yorkshire"],[891,"Nottinghamshire"]]',
    means: 'The ten statistical neighbours, closest first: DfE number and name.',
  },
  POLARITY: { formula: '=CIC.POLARITY("LACStable_2016on")', result: 'Low', means: 'Lower is better for this measure.' },
  CHANGE: { formula: '=CIC.CHANGE(8.7, 7.7, "LACStable_2016on")', result: 'Worse', means: 'Up from 7.7% to 8.7% on a lower-is-better measure.' },
  RAG: { formula: '=CIC.RAG(4, "Worse")', result: 'R', means: 'Fourth quartile and declining: red under the committee key.' },
  INDICATORS: {
    formula: '=CIC.INDICATORS("placement stability")',
    result:
      '[["Key","Indicator","Topic","Polarity","Unit","Latest year"],["LACStable_2016on","Placement 1 - % CLA with three or more placements","Children Looked After","Low","% with 3 or more placements","2025"],["LAC_LongStable%","Long Term Placement Stability (%)","Children Looked After","High","% Children Looked After","2025"],["LAC_LongStableNum","Long Term Placement Stability (Num)","Children Looked After","None","Number of Children Looked After","2025"],["LACStableNum_2016on","Placement 1 - Number of CLA with three or more placements","Children Looked After","None","Number with 3 or more placements","2025"]]',
    means: 'The indicators whose key, name, alias or topic hold the words (or words of the same meaning), best match first.',
  },
  RELEASE: { formula: '=CIC.RELEASE()', result: 'dfe-lait-2026-04-r2', means: 'The release this workbook calculates with (its pin).' },
  REVISIONS: {
    formula: '=CIC.REVISIONS("LACStable_2016on", "Leicestershire", 2023)',
    result: '[["Release","As of","Value"],["dfe-lait-2026-04-r2","2026-04-27",7]]',
    means:
      "The figure as each release the service holds published it, oldest first. Here one release; with DfE's LAIT vintages loaded it shows the 6 published until 17 November 2025 and the 7 since 25 November.",
  },
  QUARTILEOF: {
    formula: '=CIC.QUARTILEOF(8.7, {6,9,10,12,15}, "Low")',
    result: '1',
    means: 'Quartile within your own comparator values; nothing leaves the workbook.',
  },
  UNITCOST: { formula: '=CIC.UNITCOST("Residential care")', result: '7385', means: 'England weekly unit cost (£) of the placement type in the release.' },
  PLACEMENTCOST: {
    formula: '=CIC.PLACEMENTCOST("Residential", 2)',
    result: '768040',
    means: "A year of two residential placements at the release's unit cost (£).",
  },
  FORECAST: {
    formula: '=CIC.FORECAST({"Residential";"IFA"}, {10;20}, {4000;800}, "2025/26", 3, 0.05, 0.03)',
    result:
      '[["Financial year","Residential","IFA","Total"],["2025/26",2080000,832000,2912000],["2026/27",2249520,899808,3149328],["2027/28",2432855.88,973142.352,3405998.232]]',
    means: 'Cost by type and year with 5% growth in children and 3% inflation a year.',
  },
  STEPDOWN: {
    formula: '=CIC.STEPDOWN(4100, 800, 3, "2025-10-01")',
    result: '[["Financial year","Children moved","Saving"],["2025/26",1.4958904109589,256694.794520548],["2026/27",3,514800],["2027/28",3,514800]]',
    means: 'Moving three children from £4,100 to £800 a week from 1 October: part-year saving first.',
  },
};

/**
 * Lines of Leicestershire's committee papers (the annual children in care report 2019/20 and the quarter 2
 * 2020 performance dashboard), each rebuilt with CIC functions on the default release.
 */
export const WORKED = [
  {
    title: 'Placement stability: three or more placements in the year',
    quote:
      "Children who have experienced 3 placements or more in the last year was 8.7%. A little higher than last year's figure of 7.7% but still significantly below the statistical neighbour average of 11.9%.",
    steps: [
      { formula: '=CIC.QUARTILE("LACStable_2016on", 7.7, 2019)', result: '1', means: "Last year's 7.7%: quartile 1 (lower is better)." },
      { formula: '=CIC.QUARTILE("LACStable_2016on", 8.7, 2020)', result: '1', means: "This year's 8.7%: still quartile 1 …" },
      { formula: '=CIC.POSITION("LACStable_2016on", 8.7, 2020)', result: '0.0333333333333334', means: '… but at its worse edge (the cut point is 9%).' },
      { formula: '=CIC.CHANGE(8.7, 7.7, "LACStable_2016on")', result: 'Worse', means: 'The direction of travel.' },
      { formula: '=CIC.RAG(1, "Worse", 0.03)', result: 'G', means: 'Top quartile: green under the key, even while declining.' },
      {
        formula: '=CIC.SNAVG("LACStable_2016on", "Leicestershire", 2019)',
        result: '10.9',
        means: "The neighbour average for 2018/19 under the 2025 neighbour model (the paper's 11.9% used the older model).",
      },
    ],
  },
  {
    title: 'Long-term placement stability',
    quote:
      'Children with long term stability (more than 3 years) decreased slightly, from 65% to 62% and remains below the statistical neighbour average of 66%.',
    steps: [
      {
        formula: '=CIC.QUARTILE("LAC_LongStable%", 62, 2020)',
        result: '4',
        means: 'Fourth quartile (higher is better), as the quarter 2 dashboard says of this measure.',
      },
      { formula: '=CIC.CHANGE(62, 65, "LAC_LongStable%")', result: 'Worse', means: 'Down three points on a higher-is-better measure.' },
      { formula: '=CIC.RAG(4, "Worse")', result: 'R', means: 'Fourth quartile and declining: red.' },
    ],
  },
  {
    title: 'Re-referrals and repeat child protection plans (quarter 2 dashboard)',
    quote:
      'The percentage of re-referrals to Social Care within 12 months was 23% … This would move Leicestershire from the fourth to the third quartile by previously published benchmarks. … Children becoming subject to a child protection plan for a second or subsequent time … 25.3% … would be in the fourth quartile.',
    steps: [
      { formula: '=CIC.QUARTILE("ReReferral", 23, 2020)', result: '3', means: 'Third quartile, as the paper says.' },
      { formula: '=CIC.QUARTILE("PrevRegCPR", 25.3, 2020)', result: '4', means: 'Fourth quartile, as the paper says.' },
    ],
  },
];

/** The committee key CIC.RAG applies: the dashboards' words, then the rule as computed. */
const RAG_KEY = [
  [
    'G',
    'Green',
    'Top quartile of local authorities or high in second quartile with improving trend',
    'Quartile 1; or quartile 2, Better, position 0.5 or more',
  ],
  ['A', 'Amber', 'Second or third quartile with room for improvement', 'Any other quartile 2 or 3'],
  ['R', 'Red', 'Fourth quartile or low in the third quartile with a declining trend', 'Quartile 4; or quartile 3, Worse, position under 0.5'],
];

/** A result as `cic eval` prints it: spills (JSON rows) as a small table, anything else as text. */
function resultHtml(result) {
  if (result.startsWith('[[')) {
    const rows = JSON.parse(result);
    return `<table class="spill"><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  }
  return `<code>${esc(result)}</code>`;
}

const exampleHtml = (e) => `<div class="example"><p><code>${esc(e.formula)}</code> → ${resultHtml(e.result)}</p><p>${esc(e.means)}</p></div>`;

export function helpPage(metadata) {
  const fns = metadata.functions;
  const toc = fns.map((f) => `<li><a href="#${esc(f.id)}"><code>CIC.${esc(f.id)}</code></a></li>`).join('');
  const sections = fns.map((f) => {
    const sig = f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ');
    const params = f.parameters.map((p) => `<li><code>${esc(p.name)}</code>${p.optional ? ' (optional)' : ''}: ${esc(p.description ?? '')}</li>`).join('');
    const ex = EXAMPLES[f.id];
    return `<section id="${esc(f.id)}" aria-labelledby="${esc(f.id)}-h"><h3 id="${esc(f.id)}-h"><code>=CIC.${esc(f.id)}(${esc(sig)})</code></h3><p>${esc(f.description)}</p>${params ? `<ul>${params}</ul>` : ''}${ex ? `<h4>Example</h4>${exampleHtml(ex)}` : ''}<p><a href="#contents">Back to contents</a></p></section>`;
  });
  const worked = WORKED.map(
    (w) =>
      `<section class="worked"><h3>${esc(w.title)}</h3><blockquote>${esc(w.quote)}</blockquote><ol>${w.steps.map((s) => `<li>${exampleHtml(s)}</li>`).join('')}</ol></section>`,
  );
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>CIC Benchmarks: function reference</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#0b0c0c}code{background:#f3f2f1;padding:0 .2em;overflow-wrap:anywhere}h2{font-size:1.3rem;margin-top:2.5rem}h3{font-size:1.1rem;margin-top:2rem}h4{font-size:1rem;margin:.75rem 0 .25rem}a{color:#1d70b8}a:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}nav ol{columns:2 14rem}blockquote{margin:.5rem 0;padding-left:.75rem;border-left:4px solid #b1b4b6;color:#505a5f}.example p{margin:.25rem 0}table{border-collapse:collapse;margin:.25rem 0;font-size:.9rem}td,th{border:1px solid #b1b4b6;padding:.15rem .4rem;text-align:left;vertical-align:top}.spill td{overflow-wrap:anywhere}</style>
</head><body><main><h1>CIC Benchmarks: function reference</h1>
<nav id="contents" aria-labelledby="contents-h"><h2 id="contents-h">Contents</h2><ul><li><a href="#errors">Errors</a></li><li><a href="#worked">Worked examples from a council dashboard</a></li><li><a href="#rag-key">The RAG key</a></li><li><a href="#functions">Functions</a><ol>${toc}</ol></li></ul></nav>
<h2 id="errors">Errors</h2>
<p>Bad input gives <code>#VALUE!</code>; an unknown indicator or local authority, data that is not published, or an unreachable service with nothing cached gives <code>#N/A</code>; a statistical impossibility gives <code>#NUM!</code>. Each comes with a message in the cell's tooltip.</p>
<h2 id="worked">Worked examples from a council dashboard</h2>
<p>Lines from Leicestershire's committee papers (the annual children in care report for 2019/20 and the quarter 2 2020 performance dashboard), rebuilt with CIC functions. Answers are those of the release this page was built with.</p>
${worked.join('\n')}
<h2 id="rag-key">The RAG key</h2>
<p><code>CIC.RAG(quartile_or_band, change, position)</code> applies the key these dashboards print; quartile 1 (band A) is best whatever the polarity, the change comes from <code>CIC.CHANGE</code> (only Better improves, only Worse declines) and the position from <code>CIC.POSITION</code> (0 = the quartile's worse edge). Without a position the trend alone decides.</p>
<table><thead><tr><th scope="col">Rating</th><th scope="col">The key</th><th scope="col">As computed</th></tr></thead><tbody>${RAG_KEY.map((r) => `<tr><td><code>${r[0]}</code> (${r[1]})</td><td>${esc(r[2])}</td><td>${esc(r[3])}</td></tr>`).join('')}</tbody></table>
<h2 id="functions">Functions</h2>
${sections.join('\n')}
</main></body></html>
`;
}
