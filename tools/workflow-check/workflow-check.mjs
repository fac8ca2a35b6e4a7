// Validates GitHub Actions workflow files with GitHub's own parser and schema (@actions/workflow-parser, the library
// behind GitHub's Actions language services). Prints one JSON object per file: {"file", "errors": [...]}.
//   node tools/workflow-check/workflow-check.mjs FILE...
// The parser's package imports its schema as JSON without an import attribute, which Node 20 refuses: the hook below
// adds it (Node 22 and later need nothing).
import { register } from 'node:module';
import { readFileSync } from 'node:fs';

register('data:text/javascript,' + encodeURIComponent(
  "export async function load(url, context, next) { return next(url, url.endsWith('.json') ? { ...context, importAttributes: { type: 'json' } } : context); }"));
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import('@actions/workflow-parser');

for (const file of process.argv.slice(2)) {
  const parsed = parseWorkflow({ name: file, content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (errors.length === 0 && parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    for (const e of template.errors ?? []) errors.push(e.Message);
  }
  console.log(JSON.stringify({ file, errors: [...new Set(errors)] }));
}
