// The help page every function's @helpurl points at, generated from functions.json so it cannot drift.
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

export function helpPage(metadata) {
  const sections = metadata.functions.map((f) => {
    const sig = f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ');
    const params = f.parameters.map((p) => `<li><code>${esc(p.name)}</code>${p.optional ? ' (optional)' : ''}: ${esc(p.description ?? '')}</li>`).join('');
    return `<section id="${esc(f.id)}"><h2><code>=CIC.${esc(f.id)}(${esc(sig)})</code></h2><p>${esc(f.description)}</p>${params ? `<ul>${params}</ul>` : ''}</section>`;
  });
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>CIC Benchmarks: function reference</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#0b0c0c}code{background:#f3f2f1;padding:0 .2em}h2{font-size:1.1rem;margin-top:2rem}</style>
</head><body><main><h1>CIC Benchmarks: function reference</h1>
<p>Errors: bad input gives <code>#VALUE!</code>; an unknown indicator or local authority, data that is not published, or an unreachable service with nothing cached gives <code>#N/A</code>; a statistical impossibility gives <code>#NUM!</code>. Each comes with a message in the cell's tooltip.</p>
${sections.join('\n')}
</main></body></html>
`;
}
