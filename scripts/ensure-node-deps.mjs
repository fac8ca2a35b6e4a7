// Installs the pinned npm tools (the aws-cdk CLI, and any tools the tests use) exactly as locked,
// but only when node_modules is missing or older than package-lock.json, so repeated runs cost nothing.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const lock = 'package-lock.json';
const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  execSync('npm ci --no-audit --no-fund --loglevel=error', { stdio: 'inherit' });
}
