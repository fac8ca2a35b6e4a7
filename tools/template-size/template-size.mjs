// template-size: how large the AWS CDK CLI considers a template when it deploys it. The CLI (aws-cdk 3.0.0,
// makeBodyParameter in @aws-cdk/tmp-toolkit-helpers) serializes the template to YAML with the `yaml` package 1.10.2
// (schema yaml-1.1, no line folding) and sends it inline when that text is at most 51,200 characters, else uploads
// it to the bootstrap bucket. This script does the same serialization, so the tests can check SpotConnect's
// estimates against the number that decides, not against the JSON file on disk.
//
//   node tools/template-size/template-size.mjs <template.json> [...]
//   → [{ "template": …, "yaml": <characters the CLI measures>, "compactJson": <bytes of compact JSON> }]
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { strOptions } from 'yaml/types';

strOptions.fold.lineWidth = 0;
const results = process.argv.slice(2).map((template) => {
  const parsed = JSON.parse(readFileSync(template, 'utf8'));
  return {
    template,
    yaml: YAML.stringify(parsed, { schema: 'yaml-1.1' }).length,
    compactJson: Buffer.byteLength(JSON.stringify(parsed)),
  };
});
process.stdout.write(JSON.stringify(results, null, 1));
