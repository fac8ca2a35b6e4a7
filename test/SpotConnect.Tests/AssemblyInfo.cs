// jsii (the bridge to the CDK's JavaScript) runs one Node process per test run and is not thread-safe: every test
// class that uses the CDK in this process names the one serial collection, Support/JsiiCollection.cs (whose fixtures
// start the run's external checkers early). Only classes that never touch jsii in this process (the package checks
// and the app run through the CDK CLI, child processes) name collections of their own, and those run beside it;
// CollectionLayoutTests holds every class to that. No thread limit: with xunit's default (one thread per core) the
// child-process collections took both threads of a 2-core machine and the jsii collection, the longest, waited.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly, MaxParallelThreads = -1)]
