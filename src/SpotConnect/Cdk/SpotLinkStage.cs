using Amazon.CDK;
using Constructs;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cdk;

/// <summary>
/// A CDK <see cref="Stage"/> holding one <see cref="SpotLinkStack"/>, so that CDK Pipelines
/// (<c>CodePipeline</c>, waves) can connect many AWS accounts to Spot, each with its own external id.
/// </summary>
/// <remarks>
/// The target accounts must be bootstrapped with trust for the pipeline account
/// (<c>cdk bootstrap --trust &lt;pipeline account&gt; aws://&lt;account&gt;/&lt;region&gt;</c>).
/// </remarks>
/// <example>
/// <code>
/// var stage = new SpotLinkStage(pipelineApp, "Prod", new SpotLinkStageProps
/// {
///     Env = new Amazon.CDK.Environment { Account = "123456789012", Region = "us-east-1" },
///     ExternalId = "pzwWFQdK8ih4ei1T3BpX5EI-OlzFWTRamyq-ckdopWk-",
///     Bundles = BundleSelection.Parse("ocean,ocean.eks"),
/// });
/// wave.AddStage(stage);   // stage.RoleArnOutput feeds a post-deployment step
/// </code>
/// </example>
public sealed class SpotLinkStage : Stage
{
    /// <summary>Creates the stage and its stack; validates first and throws with every problem found, named as the props name them.</summary>
    /// <exception cref="SpotConnectValidationException">The external id is missing, or a property is invalid.</exception>
    public SpotLinkStage(Construct scope, string id, ISpotLinkStageProps props)
        : this(scope, id, props, Resolve(props))
    {
    }

    private SpotLinkStage(Construct scope, string id, ISpotLinkStageProps props, SpotLinkSpec spec)
        : base(scope, id, props)
    {
        var stackProps = SpotLinkStack.ToStackProps(new StackProps { StackName = props.StackName, Synthesizer = props.Synthesizer }, SpotLinkStack.StackDescription, legacyWhenUnset: false);
        Stack = new SpotLinkStack(this, props.StackId ?? SpotLinkStack.DefaultStackName, stackProps, spec, props.RemovalPolicy);
    }

    /// <summary>The stack that connects the account.</summary>
    public SpotLinkStack Stack { get; }

    /// <summary>The stack's <c>SpotRoleArn</c> output, for post-deployment steps.</summary>
    public CfnOutput RoleArnOutput => Stack.RoleArnOutput;

    private static SpotLinkSpec Resolve(ISpotLinkStageProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var problems = new List<ValidationProblem>();
        if (props.ExternalId is null)
        {
            problems.Add(SpotSettings.ExternalId.Problem(null, "a SpotLinkStage needs the external id of its account: a pipeline cannot pass the ExternalId parameter at deploy time."));
        }

        var spec = SpotLinkSpec.TryResolve(props, problems, Token.IsUnresolved);
        if (StackRules.StackName(props.StackName, Token.IsUnresolved) is { } stackName)
        {
            problems.Add(stackName);
        }

        // A stage's stack without a synthesizer gets the stage's default, which is bootstrapped.
        if (spec is not null && SpotLinkStack.CheckInlineSize(spec, props.Synthesizer is null || SpotLinkStack.IsBootstrapped(props.Synthesizer)) is { } size)
        {
            problems.Add(size);
        }

        return problems.Count == 0 ? spec! : throw PropsNames.Of(new SpotConnectValidationException(problems));
    }
}
