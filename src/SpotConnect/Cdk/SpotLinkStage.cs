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
public sealed class SpotLinkStage : Stage
{
    /// <summary>Creates the stage and its stack; validates first and throws with every problem found.</summary>
    /// <exception cref="SpotConnectValidationException">The external id is missing, or a stack property is invalid.</exception>
    public SpotLinkStage(Construct scope, string id, SpotLinkStageProps props)
        : base(scope, id, Validate(props))
    {
        Stack = new SpotLinkStack(this, props.StackId ?? SpotLinkStack.DefaultStackName, props.StackProps!, StackNames, bootstrappedByDefault: true);
    }

    /// <summary>The stack that connects the account.</summary>
    public SpotLinkStack Stack { get; }

    /// <summary>The stack's <c>SpotRoleArn</c> output, for post-deployment steps.</summary>
    public CfnOutput RoleArnOutput => Stack.RoleArnOutput;

    private static readonly FieldNames StackNames = new(SettingSurface.Props, "StackProps.Link.", new Dictionary<Setting, string> { [SpotSettings.Bootstrapped] = "StackProps." + nameof(SpotLinkStackProps.Bootstrapped) });

    private static SpotLinkStageProps Validate(SpotLinkStageProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (props.StackProps?.Link?.ExternalId is null)
        {
            throw new SpotConnectValidationException(new ValidationProblem(
                StackNames.Of(SpotSettings.ExternalId), null,
                "a SpotLinkStage needs the external id of its account: a pipeline cannot pass the ExternalId parameter at deploy time."));
        }

        return props;
    }
}
