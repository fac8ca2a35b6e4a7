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
/// The app's run in this process: <c>Program.Synthesize</c>, what <c>Main</c> does with the process's environment
/// (the context the CDK CLI hands over in <c>CDK_CONTEXT_JSON</c>, <c>CDK_OUTDIR</c>, the <c>SPOT_*</c> variables),
/// given here as a dictionary, with its exit code and its standard error; and the stack it builds
/// (<c>SpotConnectApp.AddStack</c>, the public host's). A child process would start another .NET runtime and
/// another jsii Node process (seconds) to show the same; the real program in a real process, through the CDK CLI, is
/// <see cref="AppProcessTests"/>.
/// </summary>
[Collection(JsiiCollection.Name)]
public sealed class AppInProcessTests
{
    /// <summary>The app's run with cdk.json's context and <paramref name="context"/>, as the CDK CLI hands them over, writing to <paramref name="outdir"/>.</summary>
    private static (int ExitCode, string StdErr) RunApp(string outdir, Dictionary<string, object> context)
    {
        var cdkJson = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "cdk.json")))!["context"]!.AsObject();
        var merged = (JsonObject)cdkJson.DeepClone();
        foreach (var (key, value) in context)
        {
            merged[key] = value as JsonNode ?? JsonValue.Create(value);
        }

        var environment = new Dictionary<string, string?>
        {
            ["CDK_OUTDIR"] = outdir,
            ["CDK_CONTEXT_JSON"] = merged.ToJsonString(),
        };
        using var error = new StringWriter();
        var exitCode = SpotConnect.Hosting.SpotConnectApp.Run(new SpotConnect.Hosting.SpotConnectAppOptions { Environment = k => environment.GetValueOrDefault(k), Error = error }, () => Synth.NewApp(outdir));
        return (exitCode, error.ToString());
    }

    [Fact]
    public void A_failed_synthesis_exits_non_zero_names_every_problem_and_removes_the_stale_template()
    {
        var outdir = Scratch.Folder("spotconnect-app-").FullName;
        var template = Path.Combine(outdir, "SpotLinkStack.template.json");
        File.WriteAllText(template, "{\"stale\": true}");

        // A list in cdk.json arrives as a JSON array in CDK_CONTEXT_JSON (comma-separated text: the `cdk synth` test
        // above); the app reads it as the list of ids it is ('eks' named alone). Its successful synthesis: below.
        var bad = RunApp(outdir, new() { ["spot:bundles"] = new JsonArray("ocean", "eks"), ["spot:externalId"] = "x" });
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("SpotConnect: nothing was synthesized.", bad.StdErr, StringComparison.Ordinal);
        Assert.Contains("spot:bundles: 'eks' is invalid: unknown bundle id.", bad.StdErr, StringComparison.Ordinal);
        Assert.Contains("spot:externalId: 'x' is invalid", bad.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(template), "a failed synthesis must not leave the earlier template behind");
    }

    [Fact]
    public void With_an_org_state_a_failed_synthesis_removes_the_stale_SpotOrgStack_template()
    {
        var outdir = Scratch.Folder("spotconnect-org-app-").FullName;
        var template = Path.Combine(outdir, "SpotOrgStack.template.json");
        File.WriteAllText(template, "{\"stale\": true}");
        var state = OrgStates.Save(OrgStates.Build(2));

        // Every problem at once, nothing left behind.
        var bad = RunApp(outdir, new() { ["spot:orgState"] = state, ["spot:orgRegion"] = "moon-1", ["spot:orgCallAs"] = "ROOT", ["spot:orgFailureTolerance"] = "200" });
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("SpotConnect: nothing was synthesized.", bad.StdErr, StringComparison.Ordinal);
        Assert.Contains("spot:orgRegion: 'moon-1' is invalid: not a region of partition 'aws'", bad.StdErr, StringComparison.Ordinal);
        Assert.Contains("spot:orgCallAs: 'ROOT' is invalid: not a StackSets caller. Valid choices: SELF, DELEGATED_ADMIN.", bad.StdErr, StringComparison.Ordinal);
        Assert.Contains("spot:orgFailureTolerance: '200' is invalid", bad.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(template), "a failed synthesis must not leave the earlier template behind");
    }

    [Fact]
    public void A_missing_org_state_is_named_by_Core_and_the_app_says_which_command_writes_it()
    {
        var outdir = Scratch.Folder("spotconnect-org-app-").FullName;
        var missing = Path.Combine(outdir, "nowhere.json");

        var bad = RunApp(outdir, new() { ["spot:orgState"] = missing });

        Assert.Equal(1, bad.ExitCode);
        Assert.Contains($"spot:orgState: '{missing}' is invalid: no such file (full path {missing}): give the path of the org state file.", bad.StdErr, StringComparison.Ordinal);
        Assert.EndsWith("The org state file is written by `spot-connect org prepare` (its default is spot-org.json).", bad.StdErr.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Any_other_failure_exits_non_zero_says_it_in_full_and_removes_the_stale_template()
    {
        var outdir = Scratch.Folder("spotconnect-app-").FullName;
        var template = Path.Combine(outdir, "SpotLinkStack.template.json");
        File.WriteAllText(template, "{\"stale\": true}");
        var environment = new Dictionary<string, string?> { ["CDK_OUTDIR"] = outdir, ["CDK_CONTEXT_JSON"] = "{}" };
        using var error = new StringWriter();

        var exitCode = SpotConnect.Hosting.SpotConnectApp.Run(new SpotConnect.Hosting.SpotConnectAppOptions { Environment = k => environment.GetValueOrDefault(k), Error = error }, () => throw new IOException("disk full"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("SpotConnect: nothing was synthesized. System.IO.IOException: disk full", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(template), "a failed synthesis must not leave the earlier template behind");
    }

    [Fact]
    public void With_an_org_state_the_app_synthesizes_the_stack_its_last_deploy_recorded_and_refuses_another()
    {
        var recorded = OrgStates.Build(2) with
        {
            Deployed = new SpotConnect.Plan.OrgDeployRecord
            {
                Settings = new Dictionary<string, string> { ["spot:stackName"] = "SpotOrgProd" },
                Role = new SpotConnect.Plan.DeployedRole { Name = "Spot-Role" },
            },
        };
        var state = OrgStates.Save(recorded);

        var synthesized = Synth.Org(app => SpotConnect.Hosting.SpotConnectApp.AddStack(app, SpotConnect.Settings.SpotContextSettings.Read(
            new Dictionary<string, object> { ["spot:orgState"] = state }.GetValueOrDefault, _ => null)));
        Assert.Equal("SpotOrgProd", synthesized.Stack.StackName);

        var outdir = Scratch.Folder("spotconnect-org-app-").FullName;
        var bad = RunApp(outdir, new() { ["spot:orgState"] = state, ["spot:stackName"] = "SpotOrgStack" });
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("spot:stackName: 'SpotOrgStack' is invalid: the organization's StackSets are deployed by stack 'SpotOrgProd'", bad.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_synthesizes_the_bundles_a_JSON_array_selects()
    {
        var synthesized = Synth.App(new() { ["spot:bundles"] = new[] { "ocean.eks", "ocean" } });
        var sids = synthesized.PolicyStatements.Select(s => s["Sid"]!.GetValue<string>());
        Assert.Equal(["OverviewDashboard", "AccountOperativeActions", "OceanAndElastigroupBasicActions", "OceanEks"], sids);
    }

    [Theory]
    [InlineData("spot:bundles", "ocean,ekss", "unknown bundle id")]
    [InlineData("spot:partition", "aws-us-gov", "spot:principalAccountId: no value is invalid: required in partition 'aws-us-gov'")]
    [InlineData("spot:retainOnDelete", "yes", "Valid choices: true, false.")]
    [InlineData("spot:maxManagedPolicies", "0", "1 to 20")]
    [InlineData("spot:regions", "eu-west-1,us-gov-east-1", "spot:regions: 'eu-west-1,us-gov-east-1' is invalid: 'us-gov-east-1' is not a region of partition 'aws'")]
    [InlineData("spot:tags", "aws:cloudformation:x=y", "prefix 'aws:'")]
    [InlineData("spot:permissionsBoundary", "arn:aws-cn:iam::aws:policy/X", "must name the link's partition 'aws'")]
    [InlineData("spot:kmsKeyArns", "arn:aws:kms:eu-west-1:123456789012:alias/aws/ebs", "An alias ARN does not work")]
    [InlineData("spot:logBucket", "arn:aws:s3:::logs", "not its ARN")]
    [InlineData("spot:restrictToSpotResources", "on", "Valid choices: true, false.")]
    [InlineData("spot:stackName", "1stack", "spot:stackName: '1stack' is invalid")]
    public void A_bad_setting_fails_the_synthesis_with_a_message_naming_it(string key, string value, string message)
    {
        var e = Assert.Throws<SpotConnectValidationException>(() => Synth.App(new() { [key] = value }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_org_state_the_app_writes_SpotOrgStack_only()
    {
        var state = OrgStates.Save(OrgStates.Build(2));
        var synthesized = Synth.Org(app => SpotConnect.Hosting.SpotConnectApp.AddStack(app, SpotConnect.Settings.SpotContextSettings.Read(
            k => new Dictionary<string, object> { ["spot:orgState"] = state }.GetValueOrDefault(k), _ => null)));
        Assert.False(File.Exists(Path.Combine(synthesized.Outdir, "SpotLinkStack.template.json")));
        Assert.Equal("SpotOrgStack", synthesized.Stack.StackName);
        Assert.False(Assert.IsType<SpotOrgStack>(synthesized.Stack).Spec.Bootstrapped); // no spot:bootstrapped: an admin account never bootstrapped
        var stackSet = synthesized.Resources("AWS::CloudFormation::StackSet").Single();
        Assert.Equal([OrgStates.AccountId(0), OrgStates.AccountId(1)],
            stackSet.Value["Properties"]!["StackInstancesGroup"]![0]!["DeploymentTargets"]!["Accounts"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(["SpotOrgStack"], JsonNode.Parse(File.ReadAllText(Path.Combine(synthesized.Outdir, "manifest.json")))!["artifacts"]!.AsObject()
            .Where(a => a.Value!["type"]!.GetValue<string>() == "aws:cloudformation:stack").Select(a => a.Key));
    }
}
