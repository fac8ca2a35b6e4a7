// `npm test`: builds SpotConnect.sln once, then runs its test projects' assemblies, all at once:
//   - the CDK tests (test/SpotConnect.Tests: jsii, one test after another, the run's longest part) at normal priority;
//   - every other test assembly (no CDK: its tests run in parallel) in a second `dotnet test` beside it, at low CPU
//     priority (`nice`), so it takes the CPU the serial CDK tests leave and never slows them down.
// The same tests as `dotnet test SpotConnect.sln`, with less around them: that command dispatches each test project
// through MSBuild again (an extra MSBuild node and a test console per project, a few seconds of CPU on every run,
// built or not). The build runs in one MSBuild process (`-m:1`): the projects build one after another anyway
// (Core → SpotConnect → app, CLI → tests), and a warm build is then a second faster.
//
//   npm test [-- <dotnet test options, e.g. --filter X, --logger "trx;LogFilePrefix=run"> [-- <runsettings, Key=Value>]]
// Both runs get the options (name a trx logger's file with LogFilePrefix, not LogFileName: each run writes its own;
// with --filter, the run that has no match says so). Without --filter, the CDK collection's fixtures start the IAM
// simulator and cdk-nag before its first test (SPOTCONNECT_EAGER_CHECKS=1, test/SpotConnect.Tests/Support/EarlyCheck.cs).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const solution = join(root, 'SpotConnect.sln');
const serialProject = 'test/SpotConnect.Tests/SpotConnect.Tests.csproj';

// The user's arguments: `dotnet test` options, then, after a second `--`, runsettings of their own.
const given = process.argv.slice(2);
const split = given.indexOf('--');
const options = split < 0 ? given : given.slice(0, split);
const runSettings = split < 0 ? [] : given.slice(split + 1);
const configuration = options.find((o) => /^(-c|--configuration)([=:]|$)/.test(o));
if (configuration) {
  console.error(`npm test builds and runs the Debug configuration; '${configuration}' is not supported here (run \`dotnet test\` for another one).`);
  process.exit(2);
}
const filtered = options.some((o) => /^--filter([=:]|$)/.test(o));

// The solution's projects, its test projects (test/*), and where a Debug build puts their assemblies.
const sln = readFileSync(solution, 'utf8');
const allProjects = [...sln.matchAll(/^Project\("[^"]*"\) = "[^"]*", "([^"]+\.csproj)"/gm)].map((m) => m[1].replaceAll('\\', '/'));
const projects = allProjects.filter((p) => p.startsWith('test/'));
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
const finish = (status) => {
  try {
    rmSync(temp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch (e) {
    console.error(`could not remove ${temp}: ${e.message}`);
  }
  process.exit(status);
};

// Every child (the build, the two test runs) runs in this process's session: a session of its own would put each in
// its own scheduling group (Linux autogroups), where `nice` no longer yields to the other run. An interrupted or ended
// (SIGINT, SIGTERM, SIGHUP) `npm test` ends every process below it (the runs, their test hosts, Node processes and
// child apps; where there is no /proc to find them, its own children) before removing the temp folder.
const children = new Set();
const run = (command, args, options = {}) => new Promise((done) => {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d) => { out += d; });
  child.stderr?.on('data', (d) => { out += d; });
  child.on('error', (e) => { children.delete(child); done({ status: 1, out: e.message }); });
  child.on('close', (code, signal) => { children.delete(child); done({ status: code ?? (signal ? 1 : 0), out }); });
});
for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.on(signal, () => {
    for (const pid of descendants(process.pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const child of children) child.kill('SIGKILL');
    finish(128 + number);
  });
}

// The build. NuGet's restore checks its inputs on every build (most of a second when nothing changed), so it is
// skipped when the last full build (restore included) succeeded from the same inputs: a hash of everything restore
// reads here (the solution, its project files, the repository's Directory.*.props/targets, NuGet.config,
// global.json) and the SDK's version, taken before that build. A build without restore that fails for want of it
// (assets file or package missing: NETSDK1004, NETSDK1064, NU1xxx) is run again with it; any other failure is shown.
const restoreInputs = [...new Set([solution, ...allProjects.map((p) => join(root, p)),
  ...['Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'NuGet.config', 'NuGet.Config', 'nuget.config', 'global.json']
    .map((f) => join(root, f))])].filter(existsSync).sort();
const sdk = spawnSync('dotnet', ['--version'], { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
const hash = createHash('sha256').update(`sdk ${sdk}\n`);
for (const file of restoreInputs) hash.update(`${file}\n`).update(readFileSync(file));
const inputs = hash.digest('hex');
const stamp = join(root, 'artifacts', 'test-restore.stamp');
const restored = existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === inputs
  && allProjects.every((p) => existsSync(join(root, dirname(p), 'obj', 'project.assets.json')));
const buildArgs = ['build', solution, '-m:1', '--nologo', '-v', 'q'];
let built = restored ? await run('dotnet', [...buildArgs, '--no-restore'], { stdio: ['ignore', 'pipe', 'pipe'] }) : null;
if (built && built.status !== 0 && !/NETSDK1004|NETSDK1064|\bNU1\d{3}\b/.test(built.out)) {
  process.stdout.write(built.out);
  finish(built.status);
}
if (!built || built.status !== 0) {
  built = await run('dotnet', buildArgs);
  if (built.status !== 0) finish(built.status);
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, `${inputs}\n`);
}

// The two runs, the CDK-free one under `nice`.
const nice = ['/usr/bin/nice', '/bin/nice'].find(existsSync);
const test = async (dlls, background) => {
  // MaxCpuCount=0: the run's assemblies (each in its own test host) all at once.
  const argv = ['test', ...dlls, '--nologo', ...options, '--', 'RunConfiguration.MaxCpuCount=0', ...runSettings];
  const [command, args] = background && nice ? [nice, ['-n', '10', 'dotnet', ...argv]] : ['dotnet', argv];
  return (await run(command, args, { env: filtered ? env : { ...env, SPOTCONNECT_EAGER_CHECKS: '1' } })).status;
};
const others = projects.filter((p) => p !== serialProject).map(assembly);
const codes = await Promise.all([test([assembly(serialProject)], false), ...(others.length ? [test(others, true)] : [])]);
finish(codes.find((c) => c !== 0) ?? 0);

// Every process below `pid` (Linux's /proc; elsewhere none are found and only the runs' own handling applies).
function descendants(pid) {
  const children = new Map();
  for (const entry of existsSync('/proc') ? readdirSync('/proc') : []) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // ended while listed
    }
  }
  const below = [];
  const visit = (p) => (children.get(p) ?? []).forEach((c) => { below.push(c); visit(c); });
  visit(pid);
  return below;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}
