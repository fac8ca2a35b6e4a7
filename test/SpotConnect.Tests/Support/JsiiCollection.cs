namespace SpotConnect.Tests.Support;

/// <summary>
/// The tests that use the CDK in this process. jsii, the bridge to the CDK's Node process, is not thread-safe, so
/// they run one after another, in this collection; the classes that only start child processes (the app through the
/// CDK CLI, the package checks) have collections of their own and run beside it.
/// </summary>
/// <remarks>
/// The collection's fixtures are built before its first test: in a full run (<c>SPOTCONNECT_EAGER_CHECKS=1</c>, <see cref="EarlyCheck{T}"/>)
/// <see cref="IamCheckFixture"/> and <see cref="NagCheckFixture"/> then synthesize their templates and hand them to the
/// IAM simulator and to cdk-nag, Node processes of their own that work beside the rest of the collection instead of
/// after it; otherwise the first test that reads a check starts it. Their answers are awaited only by the tests that
/// read them.
/// </remarks>
[CollectionDefinition(Name)]
public sealed class JsiiCollection : ICollectionFixture<IamCheckFixture>, ICollectionFixture<NagCheckFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "CDK in this process (jsii: one test at a time)";
}
