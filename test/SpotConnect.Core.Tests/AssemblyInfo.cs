// No CDK in this project: test classes run in parallel (xunit's default). Tests that change the process
// environment join the "process environment" collection, which runs alone.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, MaxParallelThreads = 0)]
