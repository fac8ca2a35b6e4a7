// `npm test`: builds SpotConnect.sln, then runs its test projects' assemblies in ONE test run, in parallel
// (`dotnet test <dll> <dll>`). The same tests as `dotnet test SpotConnect.sln`, with less around them: that command
// dispatches each test project through MSBuild again (an extra MSBuild node and a test console per project, a few
// seconds of CPU on every run, built or not). The build runs in one MSBuild process (`-m:1`): the projects build one
// after another anyway (Core → SpotConnect → app, CLI → tests), and a warm build is then a second faster.
//
//   npm test [-- <dotnet test options for assemblies, e.g. --filter X, --logger trx>]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const solution = join(root, 'SpotConnect.sln');
const run = (argv, env = process.env) => spawnSync('dotnet', argv, { cwd: root, stdio: 'inherit', env }).status ?? 1;

// The solution's test projects (test/*), and where a Debug build puts their assemblies.
const projects = [...readFileSync(solution, 'utf8').matchAll(/^Project\("[^"]*"\) = "[^"]*", "(test[\\/][^"]+\.csproj)"/gm)]
  .map((m) => m[1].replaceAll('\\', '/'));
if (projects.length === 0) {
  console.error(`no test projects in ${solution}`);
  process.exit(1);
}
const assemblies = projects.map((p) => join(root, dirname(p), 'bin', 'Debug', 'net10.0', `${basename(p, '.csproj')}.dll`));

const built = run(['build', solution, '-m:1', '--nologo', '-v', 'q']);
if (built !== 0) process.exit(built);
// The run's temporary files go into one folder of its own, removed when the run ends: what the tests make is
// theirs to clean (test/*/Support/Scratch.cs), but every jsii process (the CDK test host, each CDK app the tests
// start) unpacks ~65 MB of CDK tarballs into the temp directory and never removes them, and a test host the runner
// stops cannot clean up after itself. The folder's name carries this process's id, so a run that was killed is
// swept by the next one.
const prefix = 'spotconnect-test-run-';
for (const entry of readdirSync(tmpdir())) {
  const pid = Number(entry.startsWith(prefix) ? entry.slice(prefix.length).split('-')[0] : NaN);
  if (Number.isInteger(pid) && !alive(pid)) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
}
const temp = mkdtempSync(join(tmpdir(), `${prefix}${process.pid}-`));
let status;
try {
  // MaxCpuCount=0: each assembly in its own test host, all at once (the default runs them one after another).
  status = run(['test', ...assemblies, ...process.argv.slice(2), '--', 'RunConfiguration.MaxCpuCount=0'], { ...process.env, TMPDIR: temp, TMP: temp, TEMP: temp });
} finally {
  rmSync(temp, { recursive: true, force: true });
}
process.exit(status);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}
