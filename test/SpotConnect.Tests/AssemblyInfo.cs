// jsii (the bridge to the CDK's JavaScript) runs one Node process per test run and is not thread-safe: every test
// class shares the one assembly-wide collection, run serially, unless it names a collection of its own. Only classes
// that never touch jsii in this process do (the package checks and the app run as child processes), and those run
// beside the serial collection. No thread limit: with xunit's default (one thread per core) the child-process
// collections took both threads of a 2-core machine and the jsii collection, the longest, waited for one of them.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly, MaxParallelThreads = -1)]
