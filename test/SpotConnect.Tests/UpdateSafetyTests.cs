using System.Text.Json.Nodes;
using SpotConnect.Cdk;
using SpotConnect.Selection;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>Changing the selection must never replace the role Spot holds the ARN of, nor Spot-Policy.</summary>
[Collection(JsiiCollection.Name)]
public sealed class UpdateSafetyTests
{
    private static readonly string[] Selections =
    [
        "default", "general", "ocean", "ocean,ocean.eks", "elastigroup.beanstalk,storage", "default,security-audit", "security-audit", "storage",
    ];

    [Fact]
    public void Any_change_of_bundles_keeps_the_role_and_Spot_Policy_as_the_same_resources()
    {
        // Without an external id, as the app deploys it when none is given (the ExternalId parameter in the template).
        var stacks = Selections.Select(s => Synth.Stack(new SpotLinkStackProps { Bundles = BundleSelection.Parse(s) })).ToArray();
        var baseline = stacks[0];
        var (roleId, role) = baseline.Resources("AWS::IAM::Role").Single();
        var (policyId, policy) = baseline.Resources("AWS::IAM::ManagedPolicy").Single();

        foreach (var (stack, selection) in stacks.Zip(Selections))
        {
            var (otherRoleId, otherRole) = stack.Resources("AWS::IAM::Role").Single();
            Assert.Equal(roleId, otherRoleId);

            // Every role property except the attached AWS managed policies is identical, so the role is never replaced.
            var a = (JsonObject)role["Properties"]!.DeepClone();
            var b = (JsonObject)otherRole["Properties"]!.DeepClone();
            b.Remove("ManagedPolicyArns");
            Assert.True(JsonNode.DeepEquals(a, b), selection);

            var (otherPolicyId, otherPolicy) = stack.Resources("AWS::IAM::ManagedPolicy")[0];
            Assert.Equal(policyId, otherPolicyId);
            foreach (var replacing in new[] { "ManagedPolicyName", "Description", "Path" })
            {
                Assert.True(JsonNode.DeepEquals(policy["Properties"]![replacing], otherPolicy["Properties"]![replacing]), $"{selection}: {replacing}");
            }

            Assert.True(JsonNode.DeepEquals(baseline.Json["Outputs"]!["SpotRoleArn"], stack.Json["Outputs"]!["SpotRoleArn"]), selection);
        }
    }

    [Fact]
    public void Retain_on_delete_keeps_the_role_and_policies_when_the_stack_goes()
    {
        var retained = Synth.Stack(new SpotLinkStackProps { RemovalPolicy = Amazon.CDK.RemovalPolicy.RETAIN, Bundles = BundleSelection.Parse("default,security-audit") });
        foreach (var (_, resource) in retained.Resources("AWS::IAM::Role").Concat(retained.Resources("AWS::IAM::ManagedPolicy")))
        {
            Assert.Equal("Retain", resource["DeletionPolicy"]!.GetValue<string>());
            Assert.Equal("Retain", resource["UpdateReplacePolicy"]!.GetValue<string>());
        }

        var plain = Synth.Stack();
        Assert.All(plain.Json["Resources"]!.AsObject(), r => Assert.Null(r.Value!["DeletionPolicy"]));
    }
}
