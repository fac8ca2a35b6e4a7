using System.Text.Json.Nodes;
using SpotConnect.Cdk;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>The least-privilege settings in the synthesized stack: the boundary, tags, update safety, the CLI's agreement, and cdk-nag.</summary>
[Collection(JsiiCollection.Name)]
public sealed class LeastPrivilegeStackTests(NagCheckFixture nag)
{
    private const string Key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    internal static readonly IReadOnlyDictionary<string, object> Restricted = new Dictionary<string, object>
    {
        ["spot:regions"] = "eu-west-1,eu-central-1",
        ["spot:restrictToSpotResources"] = "true",
        ["spot:kmsKeyArns"] = Key,
        ["spot:logBucket"] = "my-ocean-logs",
        ["spot:permissionsBoundary"] = "arn:aws:iam::123456789012:policy/SpotBoundary",
        ["spot:tags"] = "Team=platform,CostCenter=4711",
    };

    [Fact]
    public void The_boundary_is_on_the_role_by_ARN_or_by_name_in_the_deploying_account()
    {
        var byArn = Synth.App(new() { ["spot:permissionsBoundary"] = "arn:aws:iam::aws:policy/PowerUserAccess" });
        var role = byArn.Resources("AWS::IAM::Role").Single().Value;
        Assert.Equal("arn:aws:iam::aws:policy/PowerUserAccess", role["Properties"]!["PermissionsBoundary"]!.GetValue<string>());

        var byName = Synth.App(new() { ["spot:permissionsBoundary"] = "SpotBoundary" });
        var boundary = byName.Resources("AWS::IAM::Role").Single().Value["Properties"]!["PermissionsBoundary"]!;
        Assert.Equal("arn:aws:iam::123456789012:policy/SpotBoundary", Intrinsics.Resolve(boundary, "aws", "123456789012"));

        Assert.Null(Synth.App().Resources("AWS::IAM::Role").Single().Value["Properties"]!["PermissionsBoundary"]);
    }

    [Fact]
    public void Library_users_get_props_names_in_messages_and_may_pass_deploy_time_values()
    {
        var e = Assert.Throws<SpotConnect.Validation.SpotConnectValidationException>(() => Synth.Stack(new SpotLinkStackProps
        {
            Regions = ["moon"], Tags = new Dictionary<string, string> { ["aws:x"] = "y" }, LogBucket = "B",
        }));
        Assert.Equal(["Tags", "Regions", "LogBucket"], e.Problems.Select(p => p.Field));

        var synthesized = Synth.Stack(new SpotLinkStackProps
        {
            KmsKeyArns = [Amazon.CDK.Fn.ImportValue("SharedEbsKeyArn")],
            RolePermissionsBoundary = Amazon.CDK.Fn.ImportValue("SpotBoundaryArn"),
            Tags = new Dictionary<string, string> { ["Team"] = Amazon.CDK.Fn.ImportValue("TeamName") },
        });
        var key = synthesized.PolicyStatements.Single(s => s["Sid"]!.GetValue<string>() == "AllowUseOfTheKey");
        Assert.Equal("""{"Fn::ImportValue":"SharedEbsKeyArn"}""", key["Resource"]!.ToJsonString());
        var role = synthesized.Resources("AWS::IAM::Role").Single().Value["Properties"]!;
        Assert.Equal("""{"Fn::ImportValue":"SpotBoundaryArn"}""", role["PermissionsBoundary"]!.ToJsonString());
        Assert.Equal("""[{"Key":"Team","Value":{"Fn::ImportValue":"TeamName"}}]""", role["Tags"]!.ToJsonString());
    }

    [Fact]
    public void An_unbootstrapped_template_that_would_exceed_the_inline_limit_is_refused_before_synthesis()
    {
        var keys = string.Join(",", Enumerable.Range(0, 400).Select(i => $"arn:aws:kms:eu-west-1:123456789012:key/{i:D8}-12ab-34cd-56ef-1234567890ab"));
        var context = new Dictionary<string, object> { ["spot:kmsKeyArns"] = keys, ["spot:maxManagedPolicies"] = "20" };

        var e = Assert.Throws<SpotConnect.Validation.SpotConnectValidationException>(() => Synth.App(context));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("spot:bootstrapped", problem.Field);
        Assert.Contains("over the 51,200 bytes CloudFormation accepts inline", problem.Rule, StringComparison.Ordinal);

        // Bootstrapped, it synthesizes; and the CDK CLI would indeed have refused to send it inline.
        var bootstrapped = Synth.App(new(context) { ["spot:bootstrapped"] = "true" });
        Assert.InRange(TemplateSize.CdkCli(bootstrapped.Json).Single(), Org.OrgLimits.InlineTemplateBytes + 1, int.MaxValue);

        var library = Assert.Throws<SpotConnect.Validation.SpotConnectValidationException>(() => Synth.Stack(new SpotLinkStackProps
        {
            KmsKeyArns = keys.Split(','), MaxManagedPolicies = 20,
        }));
        Assert.Equal("Synthesizer", Assert.Single(library.Problems).Field);
        // Each edge says what to set in its own words: C# names the synthesizer, the app its context key.
        Assert.Contains("Run `cdk bootstrap` in the account and set a bootstrapped Synthesizer (such as new DefaultStackSynthesizer())", library.Message, StringComparison.Ordinal);
        Assert.Contains("Run `cdk bootstrap` in the account and set spot:bootstrapped=true", problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_size_estimate_bounds_what_the_CDK_CLI_measures()
    {
        var keys = string.Join(",", Enumerable.Range(0, 150).Select(i => $"arn:aws:kms:eu-west-1:123456789012:key/{i:D8}-12ab-34cd-56ef-1234567890ab"));
        var cases = new[]
        {
            Synth.App(),
            Synth.App(new() { ["spot:bundles"] = "default,security-audit" }),
            Synth.App(new(Restricted)),
            Synth.App(new(Restricted) { ["spot:regions"] = string.Join(",", Catalog.LeastPrivilegeData.Spot.Regions.Aws), ["spot:bootstrapped"] = "true" }),
            Synth.App(new() { ["spot:kmsKeyArns"] = keys, ["spot:maxManagedPolicies"] = "20", ["spot:bootstrapped"] = "true" }),
            Synth.App(new() { ["spot:bundles"] = "general" }),
        };
        var measured = TemplateSize.CdkCli(cases.Select(c => c.Json).ToArray());
        foreach (var (synthesized, cli) in cases.Zip(measured))
        {
            var estimate = synthesized.Stack.Spec.EstimatedTemplateBytes;
            Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(Policies.PolicyJson.ToCompactString(synthesized.Json)), 1, estimate);
            Assert.InRange(cli, 1, Org.OrgLimits.CdkCliTemplateSize(estimate));
        }
    }

    [Fact]
    public void Tags_go_on_the_role_and_the_stack_and_never_on_the_managed_policies()
    {
        var synthesized = Synth.App(new() { ["spot:tags"] = "Team=platform,CostCenter=4711" });
        var role = synthesized.Resources("AWS::IAM::Role").Single().Value;
        Assert.Equal("""[{"Key":"CostCenter","Value":"4711"},{"Key":"Team","Value":"platform"}]""", role["Properties"]!["Tags"]!.ToJsonString());
        Assert.All(synthesized.Resources("AWS::IAM::ManagedPolicy"), p => Assert.Null(p.Value["Properties"]!["Tags"]));
        var stackTags = synthesized.Assembly.GetStackArtifact(synthesized.Stack.ArtifactId).Tags;
        Assert.Equal("platform", stackTags["Team"]);
        Assert.Equal("4711", stackTags["CostCenter"]);
    }

    [Fact]
    public void Adding_or_removing_any_least_privilege_key_never_replaces_the_role()
    {
        var baseline = Synth.App();
        var (roleId, role) = baseline.Resources("AWS::IAM::Role").Single();
        foreach (var (key, value) in Restricted.Append(KeyValuePair.Create("all", (object)string.Empty)))
        {
            var context = key == "all" ? new Dictionary<string, object>(Restricted) : new Dictionary<string, object> { [key] = value };
            var changed = Synth.App(context);
            var (otherId, other) = changed.Resources("AWS::IAM::Role").Single();
            Assert.Equal(roleId, otherId);
            foreach (var replacing in new[] { "RoleName", "Path", "AssumeRolePolicyDocument" })
            {
                Assert.True(JsonNode.DeepEquals(role["Properties"]![replacing], other["Properties"]![replacing]), $"{key}: {replacing}");
            }

            var policies = changed.Resources("AWS::IAM::ManagedPolicy");
            Assert.Equal(baseline.Resources("AWS::IAM::ManagedPolicy")[0].Key, policies[0].Key);
            Assert.Equal("Spot-Policy", policies[0].Value["Properties"]!["ManagedPolicyName"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Policy_prints_exactly_what_the_stack_creates_with_the_same_options()
    {
        var fromCli = CliRunner.Json(CliRunner.Run(
            "policy", "--bundles", "default,security-audit", "--regions", "eu-west-1,eu-central-1", "--restrict-to-spot-resources",
            "--kms-key-arns", Key, "--log-bucket", "my-ocean-logs"));
        var synthesized = Synth.App(new(Restricted) { ["spot:bundles"] = "default,security-audit" });
        var fromTemplate = new JsonArray(synthesized.ManagedPolicies
            .Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["document"] = Intrinsics.ResolveAll(p.Document, "aws") })
            .ToArray());
        Assert.True(JsonNode.DeepEquals(fromTemplate, fromCli), fromTemplate.ToJsonString() + "\n" + fromCli.ToJsonString());
        Assert.Contains(synthesized.PolicyStatements, s => s["Sid"]!.GetValue<string>() == "OceanAndElastigroupBasicActionsSpotTagged");
        Assert.All(synthesized.ManagedPolicies, p => Assert.InRange(PolicyJson.CountCharacters(Intrinsics.ResolveAll(p.Document, "aws-us-gov")!), 1, 6144));
    }

    [Fact]
    public void Suppressions_name_only_Spots_wildcards_and_the_AWS_managed_policy()
    {
        var synthesized = Synth.App(new() { ["spot:bundles"] = "default,security-audit" });
        foreach (var (_, resource) in synthesized.Json["Resources"]!.AsObject())
        {
            var rules = resource!["Metadata"]?["cdk_nag"]?["rules_to_suppress"]?.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToArray() ?? [];
            var expected = resource["Type"]!.GetValue<string>() switch
            {
                "AWS::IAM::ManagedPolicy" => new[] { "AwsSolutions-IAM5" },
                "AWS::IAM::Role" => ["AwsSolutions-IAM4"],
                _ => [],
            };
            Assert.Equal(expected, rules);
            Assert.All(resource["Metadata"]?["cdk_nag"]?["rules_to_suppress"]?.AsArray() ?? [], r =>
            {
                Assert.Contains("Spot", r!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.NotEmpty(r["applies_to"]!.AsArray());
            });
        }

        Assert.Null(Synth.App().Resources("AWS::IAM::Role").Single().Value["Metadata"]?["cdk_nag"]);
    }

    [Fact]
    public void CdkNag_AwsSolutions_finds_nothing_unsuppressed_and_finds_the_wildcards_without_the_metadata()
    {
        var report = nag.Report;
        Assert.Equal(NagCheckFixture.Templates.Order(StringComparer.Ordinal), report.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, result) in report.Where(r => r.Key != NagCheckFixture.WithoutMetadata))
        {
            Assert.True(result["findings"]!.AsArray().Count == 0, $"{name}: {result["findings"]!.ToJsonString()}");
            Assert.Contains(result["suppressed"]!.AsArray(), s => s!["rule"]!.GetValue<string>() == "AwsSolutions-IAM5");
        }

        Assert.Contains(report["default + security-audit"]["suppressed"]!.AsArray(), s => s!["rule"]!.GetValue<string>() == "AwsSolutions-IAM4");
        Assert.Contains(report["deploy-time bucket and key"]["suppressed"]!.AsArray(), s => s!["message"]!.GetValue<string>().Contains("OceanLogBucketName", StringComparison.Ordinal));
        var unsuppressed = report[NagCheckFixture.WithoutMetadata]["findings"]!.AsArray().Select(f => f!["rule"]!.GetValue<string>()).Distinct().Order().ToArray();
        Assert.Equal(["AwsSolutions-IAM4", "AwsSolutions-IAM5"], unsuppressed);
    }
}
