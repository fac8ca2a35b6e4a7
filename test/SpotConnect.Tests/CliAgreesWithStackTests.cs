using System.Text.Json.Nodes;
using SpotConnect.Cdk;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>The CLI's "View JSON" and the synthesized stack come from one builder: they must agree byte for byte once resolved.</summary>
[Collection(JsiiCollection.Name)]
public sealed class CliAgreesWithStackTests
{
    [Fact]
    public void Policy_is_exactly_what_SpotLinkStack_creates_for_many_selections()
    {
        var cases = new (string Bundles, string Partition)[]
        {
            ("default", "aws"), ("default", "aws-us-gov"), ("default", "aws-cn"), ("general", "aws"), ("ocean,ocean.eks", "aws"),
            ("ocean.ecs", "aws"), ("elastigroup.beanstalk,storage", "aws"), ("elastigroup.emr,elastigroup.codedeploy", "aws"),
            ("security-audit,elastigroup.route53", "aws"), ("elastigroup.batch,elastigroup.stateful,elastigroup.opsworks", "aws"),
            ("default,security-audit", "aws"), ("storage,ocean", "aws"),
        };
        foreach (var (bundles, partitionName) in cases)
        {
            var partition = SpotPartition.Parse(partitionName);
            var fromCli = CliRunner.Json(CliRunner.Run("policy", "--bundles", bundles, "--partition", partitionName, "--policy-name", "Team-Spot"));
            var synthesized = Synth.Stack(new SpotLinkStackProps
            {
                Bundles = BundleSelection.Parse(bundles),
                    Partition = partition,
                    PrincipalAccountId = "123456789012",
                    PolicyName = "Team-Spot",
                    ExternalId = "abc",
            });
            var fromTemplate = new JsonArray(synthesized.ManagedPolicies
                .Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["document"] = Intrinsics.ResolveAll(p.Document, partitionName) })
                .ToArray());
            Assert.True(JsonNode.DeepEquals(fromTemplate, fromCli), $"{bundles} in {partitionName}");
        }
    }
}
