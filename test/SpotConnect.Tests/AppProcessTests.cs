using System.Text.Json;
using System.Text.Json.Nodes;
using SpotConnect.Cdk;
using SpotConnect.Selection;
using SpotConnect.Settings;
using SpotConnect.Policies;
using SpotConnect.Tests.Support;
using SpotConnect.Validation;

namespace SpotConnect.Tests;

/// <summary>
/// The real program run by the real CDK CLI, with no AWS configuration: a child process only (no jsii in this
/// process), so it runs beside the serial jsii tests.
/// </summary>
[Collection(AppProcessTests.Name)]
public sealed class AppProcessTests
{
    /// <summary>The collection's name.</summary>
    internal const string Name = "app processes";

    [Fact]
    public void Cdk_synth_works_with_no_AWS_credentials_or_configuration_at_all()
    {
        // No AWS variables, AWS's config and credentials files pointed at nothing, no instance metadata.
        var empty = Scratch.Folder("spotconnect-noaws-").FullName;
        var outdir = Path.Combine(empty, "cdk.out");
        var environment = new Dictionary<string, string?>
        {
            ["AWS_CONFIG_FILE"] = Path.Combine(empty, "no-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(empty, "no-credentials"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20",
        };
        foreach (var variable in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "CDK_DEFAULT_ACCOUNT", "CDK_DEFAULT_REGION", "SPOT_BUNDLES", "SPOT_EXTERNAL_ID" })
        {
            environment[variable] = null;
        }

        var cdk = Path.Combine(Repo.Root, "node_modules", ".bin", "cdk");
        Assert.True(File.Exists(cdk), "run the tests with `npm test`, which installs the pinned CDK CLI");
        var result = ProcessRunner.Run(cdk, ["synth", "--no-lookups", "--quiet", "-o", outdir, "-c", "spot:bundles=ocean,ocean.eks"], environment, background: true);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var resources = JsonNode.Parse(File.ReadAllText(Path.Combine(outdir, "SpotLinkStack.template.json")))!["Resources"]!.AsObject();
        Assert.Equal("Spot-Role", resources.Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::IAM::Role").Value!["Properties"]!["RoleName"]!.GetValue<string>());
        var sids = resources.Where(r => r.Value!["Type"]!.GetValue<string>() == "AWS::IAM::ManagedPolicy")
            .SelectMany(r => r.Value!["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()).Select(s => s!["Sid"]!.GetValue<string>());
        Assert.Equal(["OverviewDashboard", "AccountOperativeActions", "OceanAndElastigroupBasicActions", "OceanEks"], sids);
    }
}
