// `npm run docs`: rewrites the README's function table from the shared definitions.
import { readFileSync, writeFileSync } from 'node:fs';
import { withFunctionTable } from '../addin/build/functions-json';

const before = readFileSync('README.md', 'utf8');
const after = withFunctionTable(before);
if (after !== before) writeFileSync('README.md', after);
console.log(after === before ? 'README.md: function table already current' : 'README.md: function table regenerated');
