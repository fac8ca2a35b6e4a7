// nag-check: runs cdk-nag (npm `cdk-nag` 2.x, the rules and the suppression metadata C# users' Cdklabs.CdkNag 2.x
// reads) over synthesized CloudFormation templates: each template is loaded into a JavaScript CDK app with
// CfnInclude (resources keep their Metadata, so `cdk_nag.rules_to_suppress` is honoured), the AwsSolutions pack
// is applied as an Aspect, and every finding it reports is printed.
//
//   node tools/nag-check/nag-check.mjs <template.json> [...]   → JSON on stdout:
//   [{ "template": …, "findings": [{ "rule": "AwsSolutions-IAM5", "level": "error", "path": "…", "message": "…" }],
//      "suppressed": [{ "rule": …, "path": … }] }]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks } from 'cdk-nag';

const results = [];
// Each app's cloud assembly goes into one folder of our own, removed at the end (`new App()` alone would leave a
// cdk.out* folder in the temp directory per template).
const outdirs = mkdtempSync(join(tmpdir(), 'spotconnect-nag-'));
for (const [index, templateFile] of process.argv.slice(2).entries()) {
  const app = new App({ outdir: join(outdirs, String(index)) });
  const stack = new Stack(app, 'Checked');
  new CfnInclude(stack, 'Template', { templateFile });
  Aspects.of(app).add(new AwsSolutionsChecks({ reports: false, logIgnores: true }));
  app.synth();
  const findings = [];
  const suppressed = [];
  for (const node of stack.node.findAll()) {
    for (const entry of node.node.metadata) {
      const text = String(entry.data ?? '');
      const rule = /^\[?([A-Za-z]+-[A-Za-z0-9]+)/.exec(text.replace(/^.*?(AwsSolutions-[A-Za-z0-9]+)/s, '$1'))?.[1];
      if (!text.includes('AwsSolutions-')) continue;
      const level = entry.type.replace('aws:cdk:', '');
      const item = { rule, level, path: node.node.path, message: text.split('\n')[0] };
      if (/suppress/i.test(text) && level === 'info') suppressed.push(item); else findings.push(item);
    }
  }
  results.push({ template: templateFile, findings, suppressed });
}
rmSync(outdirs, { recursive: true, force: true });
process.stdout.write(JSON.stringify(results, null, 1));
