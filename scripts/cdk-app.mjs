// The CDK app command (cdk.json "app"). Runs the built SpotConnect app directly, and builds it first only
// when it is missing or a source is newer than the last build: `dotnet run` would pay MSBuild's up-to-date
// check (seconds) on every synth, diff and deploy.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const project = join(root, 'src', 'SpotConnect.App');
const output = join(project, 'bin', 'Release', 'net10.0');
const dll = join(output, 'SpotConnect.App.dll');
const stamp = join(output, '.spotconnect-build-stamp');

// Everything the app's build reads: the three projects' sources and data, and the repository-wide build settings.
const inputs = [join(root, 'src', 'SpotConnect.Core'), join(root, 'src', 'SpotConnect'), project, join(root, 'Directory.Build.props'), join(root, 'Directory.Packages.props'), join(root, '.editorconfig')];
const newest = (path) => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'bin' || entry === 'obj') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
};

const built = existsSync(dll) && existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (built === 0 || Math.max(...inputs.map(newest)) > built) {
  process.stderr.write('SpotConnect: building the app (sources changed since the last build)...\n');
  const build = spawnSync('dotnet', ['build', project, '-c', 'Release', '--nologo', '-v', 'q'], { encoding: 'utf8' });
  if (build.status !== 0) {
    // Build output goes to stderr: stdout belongs to the app.
    process.stderr.write(build.stdout + build.stderr);
    process.exit(build.status ?? 1);
  }
  writeFileSync(stamp, new Date().toISOString());
}

const result = spawnSync('dotnet', [dll], { stdio: 'inherit' });
process.exit(result.status ?? 1);
