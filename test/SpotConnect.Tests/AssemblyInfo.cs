// jsii (the bridge to the CDK's JavaScript) runs one Node process per test run and is not thread-safe.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
