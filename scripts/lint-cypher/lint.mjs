// Lints every Cypher statement Glapp runs (graph/neo4j/cypher/*.cypher, and the suite's
// own statements in graph/neo4j/testdata/*.cypher) and every ```cypher block of
// docs/graph-model.md with Neo4j's own Cypher front end, lintCypherQuery from
// @neo4j-cypher/language-support. graph-schema.json is passed as the database schema, so
// that unknown labels, relationship types, property keys, relationship directions and
// undeclared parameters are reported too. Any diagnostic, warning or error, fails the run:
// no Neo4j server can be installed where Glapp is built, so this is the only check the
// statements get before they meet a real database.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const schema = JSON.parse(readFileSync(new URL('./graph-schema.json', import.meta.url), 'utf8'));
delete schema.$comment;

/** Returns {name, line, text} for every .cypher file in dir, line being where the text starts. */
function cypherFiles(dir) {
  return readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => ({ name: join(dir, f), line: 1, text: readFileSync(join(root, dir, f), 'utf8') }));
}

/** Returns {name, line, text} for every ```cypher fenced block of a Markdown file. */
function markdownBlocks(file) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks = [];
  let open = null;
  lines.forEach((line, i) => {
    if (open === null && /^```cypher\s*$/.test(line)) {
      open = { name: file, line: i + 2, text: [] };
    } else if (open !== null && /^```\s*$/.test(line)) {
      blocks.push({ ...open, text: open.text.join('\n') });
      open = null;
    } else if (open !== null) {
      open.text.push(line);
    }
  });
  if (open !== null) {
    throw new Error(`${file}:${open.line - 1}: a \`\`\`cypher block is never closed`);
  }
  return blocks;
}

const statements = [
  ...cypherFiles('graph/neo4j/cypher'),
  ...cypherFiles('graph/neo4j/testdata'),
  ...markdownBlocks('docs/graph-model.md'),
];

let problems = 0;
const counts = {};
for (const st of statements) {
  counts[st.name] = (counts[st.name] ?? 0) + 1;
  if (st.text.trim() === '') {
    console.error(`${st.name}:${st.line}: empty statement`);
    problems++;
    continue;
  }
  // Console commands such as :param belong to Neo4j Browser, not to Cypher: refuse them.
  const { diagnostics } = lintCypherQuery(st.text, schema, { consoleCommandsEnabled: false });
  for (const d of diagnostics) {
    const severity = d.severity === 1 ? 'error' : 'warning';
    const line = st.line + d.range.start.line;
    const column = d.range.start.character + 1;
    console.error(`${st.name}:${line}:${column}: ${severity}: ${d.message}`);
    problems++;
  }
}

for (const required of ['graph/neo4j/cypher', 'docs/graph-model.md']) {
  if (!Object.keys(counts).some((name) => name.startsWith(required))) {
    console.error(`${required}: no Cypher found; the linter would pass vacuously`);
    problems++;
  }
}

const summary = Object.entries(counts).length;
if (problems > 0) {
  console.error(`cypher lint: ${problems} diagnostic(s) in ${statements.length} statement(s)`);
  process.exit(1);
}
console.log(`cypher lint: ${statements.length} statement(s) from ${summary} source(s), no diagnostics`);
