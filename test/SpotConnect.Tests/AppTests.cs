using System.Text.Json.Nodes;
using SpotConnect.Settings;
using SpotConnect.Policies;
using SpotConnect.Tests.Support;
using SpotConnect.Validation;

namespace SpotConnect.Tests;

/// <summary>The CDK app: context keys, environment fallbacks, and the real program run as the CDK CLI runs it.</summary>
[Collection(JsiiCollection.Name)]
public sealed class AppTests
{
    private static ContextSettings Read(Dictionary<string, object> context, Dictionary<string, string>? env = null) =>
        ContextSettings.Read(k => context.GetValueOrDefault(k), k => env?.GetValueOrDefault(k));

    [Fact]
    public void Defaults_match_Spots_console()
    {
        var settings = Read([]);
        Assert.Equal("SpotLinkStack", settings.StackName);
        Assert.Null(settings.Link.ExternalId);
        Assert.True(settings.Link.Bundles.IsDefault);
        Assert.Equal("Spot-Role", settings.Link.RoleName);
        Assert.Equal("Spot-Policy", settings.Link.PolicyName);
        Assert.Equal(SpotPartition.Aws, settings.Link.Partition);
        Assert.Equal("922761411349", settings.Link.PrincipalAccountId);
        Assert.Equal(10, settings.Link.MaxManagedPolicies);
        Assert.False(settings.Bootstrapped);
        Assert.False(settings.RetainOnDelete);
    }

    [Fact]
    public void Context_wins_over_the_environment_which_wins_over_defaults()
    {
        var env = new Dictionary<string, string>
        {
            ["SPOT_EXTERNAL_ID"] = "from-env",
            ["SPOT_BUNDLES"] = "storage",
            ["SPOT_ROLE_NAME"] = "EnvRole",
            ["SPOT_POLICY_NAME"] = "EnvPolicy",
            ["SPOT_STACK_NAME"] = "EnvStack",
        };
        var settings = Read(new() { ["spot:externalId"] = "from-context", ["spot:roleName"] = "CtxRole" }, env);
        Assert.Equal("from-context", settings.Link.ExternalId);
        Assert.Equal("CtxRole", settings.Link.RoleName);
        Assert.Equal("EnvPolicy", settings.Link.PolicyName);
        Assert.Equal("EnvStack", settings.StackName);
        Assert.Equal("general,storage", settings.Link.Bundles.ToString());
    }

    [Fact]
    public void A_bundle_list_in_cdk_json_may_be_a_JSON_array()
    {
        Assert.Equal("general,ocean,ocean.eks", Read(new() { ["spot:bundles"] = new object[] { "ocean", "ocean.eks" } }).Link.Bundles.ToString());

        // As the CDK hands it to the app: through jsii, from the app's context.
        var app = new Amazon.CDK.App(new Amazon.CDK.AppProps { Outdir = Scratch.Folder("spotconnect-app-").FullName, Context = new Dictionary<string, object> { ["spot:bundles"] = new[] { "storage", "ocean.ecs" } } });
        var settings = ContextSettings.Read(k => app.Node.TryGetContext(k), _ => null);
        Assert.Equal("general,ocean,ocean.ecs,storage", settings.Link.Bundles.ToString());
    }

    [Fact]
    public void Empty_environment_variables_count_as_unset()
    {
        var settings = Read([], new() { ["SPOT_EXTERNAL_ID"] = "", ["SPOT_BUNDLES"] = " ", ["SPOT_ROLE_NAME"] = "" });
        Assert.Null(settings.Link.ExternalId);
        Assert.True(settings.Link.Bundles.IsDefault);
        Assert.Equal("Spot-Role", settings.Link.RoleName);
    }

    [Fact]
    public void Json_typed_context_values_from_cdk_json_are_accepted()
    {
        var settings = Read(new() { ["spot:maxManagedPolicies"] = 12d, ["spot:bootstrapped"] = true, ["spot:retainOnDelete"] = "TRUE" });
        Assert.Equal(12, settings.Link.MaxManagedPolicies);
        Assert.True(settings.Bootstrapped);
        Assert.True(settings.RetainOnDelete);
    }

    [Fact]
    public void Every_bad_setting_is_reported_at_once_by_its_context_key()
    {
        // Through the app itself (its edge, then the constructs' checks): every problem, named by its context key.
        var e = Assert.Throws<SpotConnectValidationException>(() => SpotConnect.App.Program.AddStack(Synth.PlainApp(), SpotConnect.App.ContextSettings.Read(new Dictionary<string, object>
        {
            ["spot:externalId"] = "a b",
            ["spot:bundles"] = "ocean,eks",
            ["spot:maxManagedPolicies"] = "ten",
            ["spot:bootstrapped"] = "yes",
            ["spot:stackName"] = "1stack",
        }.GetValueOrDefault, _ => null)));
        Assert.Equal(
            ["spot:externalId", "spot:bundles", "spot:stackName", "spot:maxManagedPolicies", "spot:bootstrapped"],
            e.Problems.Select(p => p.Field));
        Assert.Contains("'eks'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Valid choices: true, false.", e.Message, StringComparison.Ordinal);
    }
}

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

/// <summary>
/// The app's run in this process: <c>Program.Synthesize</c>, what <c>Main</c> does with the process's environment
/// (the context the CDK CLI hands over in <c>CDK_CONTEXT_JSON</c>, <c>CDK_OUTDIR</c>, the <c>SPOT_*</c> variables),
/// given here as a dictionary, with its exit code and its standard error; and the stack it builds
/// (<c>Program.AddStack</c> over <c>ContextSettings.Read</c>). A child process would start another .NET runtime and
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
        var exitCode = SpotConnect.App.Program.Synthesize(k => environment.GetValueOrDefault(k), error, () => Synth.NewApp(outdir));
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
    public void Any_other_failure_exits_non_zero_says_it_in_full_and_removes_the_stale_template()
    {
        var outdir = Scratch.Folder("spotconnect-app-").FullName;
        var template = Path.Combine(outdir, "SpotLinkStack.template.json");
        File.WriteAllText(template, "{\"stale\": true}");
        var environment = new Dictionary<string, string?> { ["CDK_OUTDIR"] = outdir, ["CDK_CONTEXT_JSON"] = "{}" };
        using var error = new StringWriter();

        var exitCode = SpotConnect.App.Program.Synthesize(k => environment.GetValueOrDefault(k), error, () => throw new IOException("disk full"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("SpotConnect: nothing was synthesized. System.IO.IOException: disk full", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(template), "a failed synthesis must not leave the earlier template behind");
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
        var synthesized = Synth.Org(app => SpotConnect.App.Program.AddStack(app, SpotConnect.App.ContextSettings.Read(
            k => new Dictionary<string, object> { ["spot:orgState"] = state }.GetValueOrDefault(k), _ => null)));
        Assert.False(File.Exists(Path.Combine(synthesized.Outdir, "SpotLinkStack.template.json")));
        var stackSet = synthesized.Resources("AWS::CloudFormation::StackSet").Single();
        Assert.Equal([OrgStates.AccountId(0), OrgStates.AccountId(1)],
            stackSet.Value["Properties"]!["StackInstancesGroup"]![0]!["DeploymentTargets"]!["Accounts"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(["SpotOrgStack"], JsonNode.Parse(File.ReadAllText(Path.Combine(synthesized.Outdir, "manifest.json")))!["artifacts"]!.AsObject()
            .Where(a => a.Value!["type"]!.GetValue<string>() == "aws:cloudformation:stack").Select(a => a.Key));
    }
}
