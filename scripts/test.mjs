// `npm test`: builds SpotConnect.sln once, then runs its test projects' assemblies, all at once:
//   - the CDK tests (test/SpotConnect.Tests: jsii, one test after another, the run's longest part) at normal priority;
//   - every other test assembly (no CDK: its tests run in parallel) in a second `dotnet test` beside it, at low CPU
//     priority (`nice`), so it takes the CPU the serial CDK tests leave and never slows them down.
// The same tests as `dotnet test SpotConnect.sln`, with less around them: that command dispatches each test project
// through MSBuild again (an extra MSBuild node and a test console per project, a few seconds of CPU on every run,
// built or not). The build runs in one MSBuild process (`-m:1`): the projects build one after another anyway
// (Core → SpotConnect → app, CLI → tests), and a warm build is then a second faster.
//
//   npm test [-- <dotnet test options for assemblies, e.g. --filter X, --logger "trx;LogFilePrefix=run">]
// (each of the two runs writes its own results: name a trx logger's file with LogFilePrefix, not LogFileName)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const solution = join(root, 'SpotConnect.sln');
const serialProject = 'test/SpotConnect.Tests/SpotConnect.Tests.csproj';

// The solution's test projects (test/*), and where a Debug build puts their assemblies.
const projects = [...readFileSync(solution, 'utf8').matchAll(/^Project\("[^"]*"\) = "[^"]*", "(test[\\/][^"]+\.csproj)"/gm)]
  .map((m) => m[1].replaceAll('\\', '/'));
if (!projects.includes(serialProject)) {
  console.error(`${serialProject} is not in ${solution}`);
  process.exit(1);
}
const assembly = (p) => join(root, dirname(p), 'bin', 'Debug', 'net10.0', `${basename(p, '.csproj')}.dll`);

// The run's temporary files (the build's too) go into one folder of its own, removed when the run ends: what the
// tests make is theirs to clean (test/*/Support/Scratch.cs), but every jsii process (the CDK test host, each CDK app
// the tests start) unpacks ~65 MB of CDK tarballs into the temp directory and never removes them, `dotnet build`
// leaves empty folders there, and a test host the runner stops cannot clean up after itself. The folder's name
// carries this process's id, so a run that was killed is swept by the next one.
const prefix = 'spotconnect-test-run-';
for (const entry of readdirSync(tmpdir())) {
  const pid = Number(entry.startsWith(prefix) ? entry.slice(prefix.length).split('-')[0] : NaN);
  if (Number.isInteger(pid) && !alive(pid)) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
}
const temp = mkdtempSync(join(tmpdir(), `${prefix}${process.pid}-`));
const env = { ...process.env, TMPDIR: temp, TMP: temp, TEMP: temp };

// The build. NuGet's restore checks its inputs on every build (most of a second when nothing changed), so it is
// skipped when a full build (restore included) succeeded after the last change to anything restore reads (the
// solution's project files, the repository's Directory.*.props/targets, NuGet.config, global.json) and every project
// still has its restore output; a build that fails without restore is run again with it (e.g. a package removed from
// the machine's package folder since).
const allProjects = [...readFileSync(solution, 'utf8').matchAll(/^Project\("[^"]*"\) = "[^"]*", "([^"]+\.csproj)"/gm)]
  .map((m) => join(root, m[1].replaceAll('\\', '/')));
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : NaN);
const restoreInputs = [solution, ...allProjects, ...['Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'NuGet.config', 'nuget.config', 'global.json'].map((f) => join(root, f))];
const stamp = join(root, 'artifacts', 'test-restore.stamp');
const restoreCurrent = mtime(stamp) > Math.max(...restoreInputs.map(mtime).filter((t) => !Number.isNaN(t)))
  && allProjects.every((p) => existsSync(join(dirname(p), 'obj', 'project.assets.json')));
const build = (extra, stdio) => spawnSync('dotnet', ['build', solution, '-m:1', '--nologo', '-v', 'q', ...extra], { cwd: root, stdio, env }).status ?? 1;
let built = restoreCurrent ? build(['--no-restore'], 'ignore') : 1;
if (built !== 0) {
  built = build([], 'inherit');
  if (built === 0) {
    mkdirSync(dirname(stamp), { recursive: true });
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
  }
}
if (built !== 0) {
  rmSync(temp, { recursive: true, force: true });
  process.exit(built);
}

const nice = ['/usr/bin/nice', '/bin/nice'].find(existsSync);

// MaxCpuCount=0: each assembly of a run in its own test host, all at once.
const test = (dlls, background) => {
  const argv = ['test', ...dlls, '--nologo', ...process.argv.slice(2), '--', 'RunConfiguration.MaxCpuCount=0'];
  const [command, args] = background && nice ? [nice, ['-n', '10', 'dotnet', ...argv]] : ['dotnet', argv];
  return new Promise((done) => {
    spawn(command, args, { cwd: root, stdio: 'inherit', env })
      .on('error', (e) => { console.error(e.message); done(1); })
      .on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
};

let status = 1;
try {
  const others = projects.filter((p) => p !== serialProject).map(assembly);
  const codes = await Promise.all([test([assembly(serialProject)], false), ...(others.length ? [test(others, true)] : [])]);
  status = codes.find((c) => c !== 0) ?? 0;
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
