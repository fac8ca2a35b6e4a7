using Amazon.CDK;
using Amazon.CDK.AWS.CodeBuild;
using Amazon.CDK.Pipelines;
using Constructs;
using SpotConnect.Cdk;
using SpotConnect.Selection;

namespace SpotConnect.Pipeline;

/// <summary>
/// A self-mutating CDK pipeline that connects every configured AWS account to Spot: source, a synth step that
/// installs .NET and Node, then one wave with a <see cref="SpotLinkStage"/> per account, each followed by a
/// check that reads its <c>SpotRoleArn</c> output.
/// </summary>
public sealed class SpotPipelineStack : Stack
{
    /// <summary>The wave that deploys the account stages.</summary>
    public const string WaveName = "SpotAccounts";

    public SpotPipelineStack(Construct scope, string id, PipelineConfig config)
        : base(scope, id, new StackProps { Env = new Amazon.CDK.Environment { Account = config.PipelineAccount, Region = config.PipelineRegion } })
    {
        var source = CodePipelineSource.Connection(config.Source.Repository, config.Source.Branch, new ConnectionSourceOptions
        {
            ConnectionArn = config.Source.ConnectionArn,
        });

        Pipeline = new CodePipeline(this, "Pipeline", new CodePipelineProps
        {
            PipelineName = "SpotConnect",
            CrossAccountKeys = true, // artifacts are read by deploy roles in the target accounts
            Synth = new CodeBuildStep("Synth", new CodeBuildStepProps
            {
                Input = source,
                BuildEnvironment = new BuildEnvironment { BuildImage = LinuxBuildImage.STANDARD_7_0 },
                PartialBuildSpec = BuildSpec.FromObject(new Dictionary<string, object>
                {
                    ["phases"] = new Dictionary<string, object>
                    {
                        ["install"] = new Dictionary<string, object> { ["runtime-versions"] = new Dictionary<string, object> { ["nodejs"] = "20" } },
                    },
                }),
                InstallCommands =
                [
                    "curl -sSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh",
                    "bash /tmp/dotnet-install.sh --channel 10.0 --install-dir $HOME/.dotnet",
                    "export PATH=$HOME/.dotnet:$PATH DOTNET_CLI_TELEMETRY_OPTOUT=1 JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20",
                    "npm ci --no-audit --no-fund",
                ],
                Commands =
                [
                    "export PATH=$HOME/.dotnet:$PATH",
                    "npm test",
                    "cd examples/pipeline && ../../node_modules/.bin/cdk synth --no-lookups",
                ],
                PrimaryOutputDirectory = "examples/pipeline/cdk.out",
            }),
        });

        var wave = Pipeline.AddWave(WaveName);
        foreach (var account in config.Accounts)
        {
            var stage = new SpotLinkStage(this, account.Name, new SpotLinkStageProps
            {
                Env = new Amazon.CDK.Environment { Account = account.Account, Region = account.Region },
                ExternalId = account.ExternalId,
                Bundles = BundleSelection.Parse(account.Bundles, $"{account.Name}.bundles"),
                RemovalPolicy = RemovalPolicy.RETAIN, // a pipeline mistake must not disconnect Spot
            });
            wave.AddStage(stage, new AddStageOpts
            {
                Post =
                [
                    new ShellStep($"Verify{account.Name}", new ShellStepProps
                    {
                        EnvFromCfnOutputs = new Dictionary<string, CfnOutput> { ["SPOT_ROLE_ARN"] = stage.RoleArnOutput },
                        Commands =
                        [
                            "echo \"SpotRoleArn: $SPOT_ROLE_ARN\"",
                            $"echo \"$SPOT_ROLE_ARN\" | grep -Eq '^arn:aws[a-z-]*:iam::{account.Account}:role/Spot-Role$'",
                        ],
                    }),
                ],
            });
            Stages.Add(stage);
        }
    }

    /// <summary>The pipeline.</summary>
    public CodePipeline Pipeline { get; }

    /// <summary>One stage per configured account, in order.</summary>
    public List<SpotLinkStage> Stages { get; } = [];
}
