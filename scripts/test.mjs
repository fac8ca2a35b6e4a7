// `npm test`: builds SpotConnect.sln, then runs its test projects' assemblies in ONE test run, in parallel
// (`dotnet test <dll> <dll>`). The same tests as `dotnet test SpotConnect.sln`, with less around them: that command
// dispatches each test project through MSBuild again (an extra MSBuild node and a test console per project, a few
// seconds of CPU on every run, built or not). The build runs in one MSBuild process (`-m:1`): the projects build one
// after another anyway (Core → SpotConnect → app, CLI → tests), and a warm build is then a second faster.
//
//   npm test [-- <dotnet test options for assemblies, e.g. --filter X, --logger trx>]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const solution = join(root, 'SpotConnect.sln');
const run = (argv) => spawnSync('dotnet', argv, { cwd: root, stdio: 'inherit' }).status ?? 1;

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
// MaxCpuCount=0: each assembly in its own test host, all at once (the default runs them one after another).
process.exit(run(['test', ...assemblies, ...process.argv.slice(2), '--', 'RunConfiguration.MaxCpuCount=0']));
