// A user's CDK app: SpotLink inside the user's own stack, checked with Amazon.CDK.Assertions.
// Exits 0 when every assertion holds, 1 (with the failure on stderr) otherwise.
using Amazon.CDK;
using Amazon.CDK.Assertions;
using SpotConnect.Cdk;
using SpotConnect.Policies;
using SpotConnect.Selection;

try
{
    var app = new App();
    var stack = new Stack(app, "Platform");
    var link = new SpotLink(stack, "Spot", new SpotLinkProps
    {
        ExternalId = "abc",
        Bundles = BundleSelection.Parse("ocean,ocean.eks"),
    });

    var template = Template.FromStack(stack);
    template.ResourceCountIs("AWS::IAM::Role", 1);
    template.HasResourceProperties("AWS::IAM::Role", new Dictionary<string, object> { ["RoleName"] = "Spot-Role" });
    template.ResourceCountIs("AWS::IAM::ManagedPolicy", 1);
    template.HasResourceProperties("AWS::IAM::ManagedPolicy", new Dictionary<string, object>
    {
        ["ManagedPolicyName"] = "Spot-Policy",
        ["PolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
        {
            ["Statement"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object> { ["Sid"] = "OceanEks" })]),
        }),
    });

    // SpotConnect.Core came with the package: the construct's plan is the builder's.
    var plan = PolicyBuilder.Spot.Build(BundleSelection.Parse("ocean,ocean.eks"));
    if (plan.Policies.Count != 1 || plan.Policies[0].Name != "Spot-Policy" || link.ManagedPolicies.Count != plan.Policies.Count)
    {
        throw new InvalidOperationException($"unexpected plan: {plan.ToJson(SpotPartition.Aws)}");
    }

    Console.WriteLine("package consumer: OK");
    return 0;
}
#pragma warning disable CA1031 // Any failure is the check's failure: report it and exit non-zero.
catch (Exception e)
#pragma warning restore CA1031
{
    Console.Error.WriteLine("package consumer: FAILED");
    Console.Error.WriteLine(e);
    return 1;
}
