using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using SpotConnect.Cdk;
using SpotConnect.Pipeline;
using SpotConnect.Tests.Support;
using SpotConnect.Validation;

namespace SpotConnect.Tests;

/// <summary>The pipeline example, synthesized once.</summary>
public sealed class PipelineFixture
{
    public PipelineFixture()
    {
        var folder = Path.Combine(Repo.Root, "examples", "pipeline");
        Config = PipelineConfig.Load(Path.Combine(folder, "pipeline.json"));
        var context = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "cdk.json")))!["context"]!.AsObject()
            .ToDictionary(kv => kv.Key, kv => (object)(kv.Value is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToArray() : kv.Value!.GetValueKind() == System.Text.Json.JsonValueKind.String ? kv.Value.GetValue<string>() : kv.Value.GetValue<bool>()));
        Outdir = Scratch.Folder("spotconnect-pipeline-").FullName;
        var app = new Amazon.CDK.App(new AppProps { Outdir = Outdir, Context = context });
        Stack = new SpotPipelineStack(app, "SpotConnectPipeline", Config);
        app.Synth();
        Json = JsonNode.Parse(File.ReadAllText(Path.Combine(Outdir, "SpotConnectPipeline.template.json")))!.AsObject();
    }

    public PipelineConfig Config { get; }

    public string Outdir { get; }

    internal SpotPipelineStack Stack { get; }

    public JsonObject Json { get; }
}

[Collection(JsiiCollection.Name)]
public sealed class PipelineExampleTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    private JsonArray Stages => fixture.Json["Resources"]!.AsObject()
        .Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::CodePipeline::Pipeline").Value!["Properties"]!["Stages"]!.AsArray();

    private IEnumerable<string> Actions(string stage) =>
        Stages.Single(s => s!["Name"]!.GetValue<string>() == stage)!["Actions"]!.AsArray().Select(a => a!["Name"]!.GetValue<string>());

    [Fact]
    public void The_pipeline_has_source_synth_self_update_and_a_wave_of_account_stages()
    {
        Assert.Equal(["Source", "Build", "UpdatePipeline", SpotPipelineStack.WaveName], Stages.Select(s => s!["Name"]!.GetValue<string>()));
        Assert.Equal(["Synth"], Actions("Build"));
        var wave = Actions(SpotPipelineStack.WaveName).ToArray();
        foreach (var account in fixture.Config.Accounts)
        {
            Assert.Contains($"{account.Name}.SpotLinkStack.Prepare", wave);
            Assert.Contains($"{account.Name}.SpotLinkStack.Deploy", wave);
            Assert.Contains($"{account.Name}.Verify{account.Name}", wave);
        }
    }

    [Fact]
    public void The_synth_step_installs_dotnet_and_node_tests_and_synthesizes_without_lookups()
    {
        var buildSpecs = fixture.Json["Resources"]!.AsObject()
            .Where(r => r.Value!["Type"]!.GetValue<string>() == "AWS::CodeBuild::Project")
            .Select(r => r.Value!["Properties"]!["Source"]!["BuildSpec"]!.ToString()).ToArray();
        var synth = Assert.Single(buildSpecs, b => b.Contains("dotnet-install.sh", StringComparison.Ordinal));
        var spec = JsonNode.Parse(synth)!;
        Assert.Equal("20", spec["phases"]!["install"]!["runtime-versions"]!["nodejs"]!.GetValue<string>());
        var commands = spec["phases"]!["build"]!["commands"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
        Assert.Contains("npm test", commands);
        Assert.Contains(commands, c => c.Contains("cdk synth --no-lookups", StringComparison.Ordinal));
        Assert.Contains(spec["phases"]!["install"]!["commands"]!.AsArray(), c => c!.GetValue<string>().Contains("--channel 10.0", StringComparison.Ordinal));
    }

    [Fact]
    public void The_post_deploy_check_reads_SpotRoleArn_of_its_stage()
    {
        var verify = fixture.Json["Resources"]!.AsObject()
            .Where(r => r.Value!["Type"]!.GetValue<string>() == "AWS::CodeBuild::Project")
            .Select(r => r.Value!["Properties"]!["Source"]!["BuildSpec"]!.ToString())
            .Where(b => b.Contains("SPOT_ROLE_ARN", StringComparison.Ordinal)).ToArray();
        Assert.Equal(fixture.Config.Accounts.Count, verify.Length);
        Assert.Contains(verify, b => b.Contains(":iam::222222222222:role/Spot-Role", StringComparison.Ordinal));

        // The variable is wired to the stack output through the pipeline's action configuration.
        var wave = Stages.Single(s => s!["Name"]!.GetValue<string>() == SpotPipelineStack.WaveName)!["Actions"]!.AsArray();
        var action = wave.Single(a => a!["Name"]!.GetValue<string>() == "Production.VerifyProduction")!;
        Assert.Contains("SpotRoleArn", action["Configuration"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_account_gets_its_own_external_id_and_bundles_and_keeps_the_role_on_delete()
    {
        foreach (var (stage, account) in fixture.Stack.Stages.Zip(fixture.Config.Accounts))
        {
            var template = Template.FromStack(stage.Stack);
            template.HasResourceProperties("AWS::IAM::Role", Match.ObjectLike(new Dictionary<string, object>
            {
                ["AssumeRolePolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Statement"] = new object[]
                    {
                        Match.ObjectLike(new Dictionary<string, object>
                        {
                            ["Condition"] = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["sts:ExternalId"] = account.ExternalId } },
                        }),
                    },
                }),
            }));
            template.HasResource("AWS::IAM::Role", new Dictionary<string, object> { ["DeletionPolicy"] = "Retain" });
            template.HasParameter("BootstrapVersion", Match.AnyValue()); // pipelines deploy through the bootstrap roles
            Assert.Equal(account.Account, stage.Account);
            Assert.Equal(account.Bundles == "default", stage.Stack.Spec.Bundles.IsDefault);
        }

        Assert.Equal(
            ["OverviewDashboard", "AccountOperativeActions", "OceanAndElastigroupBasicActions", "OceanEks"],
            fixture.Stack.Stages[1].Stack.Spec.Plan.Statements.Select(s => s.Sid));
    }

    [Fact]
    public void A_stage_without_an_external_id_is_rejected()
    {
        var app = Synth.PlainApp();
        var e = Assert.Throws<SpotConnectValidationException>(() => _ = new SpotLinkStage(app, "NoId", new SpotLinkStageProps()));
        Assert.Equal("ExternalId", Assert.Single(e.Problems).Field);
        Assert.Contains("cannot pass the ExternalId parameter", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_pipeline_config_reports_every_problem()
    {
        var file = Path.Combine(Scratch.Folder("spotconnect-pipeline-config-").FullName, "pipeline.json");
        File.WriteAllText(file, """
            {"pipelineAccount":"1111","pipelineRegion":"us-east-1","source":{"repository":"a/b","branch":"main","connectionArn":"arn"},
             "accounts":[{"name":"Prod","account":"222222222222","region":"us-east-1","externalId":"x","bundles":"ocean,nope"},
                         {"name":"Prod","account":"2222","region":"moon","externalId":"abcdef"}]}
            """);
        var e = Assert.Throws<SpotConnectValidationException>(() => PipelineConfig.Load(file));
        Assert.Equal(
            ["pipelineAccount", "source.connectionArn", "accounts[0].externalId", "accounts[0].bundles", "accounts[1].account", "accounts[1].region", "accounts[1].name"],
            e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void A_pipeline_config_without_accounts_or_source_is_reported_not_a_crash()
    {
        var file = Path.Combine(Scratch.Folder("spotconnect-pipeline-config-").FullName, "pipeline.json");
        File.WriteAllText(file, """{"pipelineAccount":"111111111111","pipelineRegion":"mars-1"}""");
        var e = Assert.Throws<SpotConnectValidationException>(() => PipelineConfig.Load(file));
        Assert.Equal(["pipelineRegion", "source", "accounts"], e.Problems.Select(p => p.Field));
    }
}
