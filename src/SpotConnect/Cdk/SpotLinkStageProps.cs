using Amazon.CDK;

namespace SpotConnect.Cdk;

/// <summary>Properties of <see cref="SpotLinkStage"/>.</summary>
public class SpotLinkStageProps : StageProps
{
    /// <summary>
    /// The SpotLinkStack inside the stage. Its <c>Link.ExternalId</c> is required: a
    /// pipeline cannot pass CloudFormation parameters at deploy time.
    /// </summary>
    /// <remarks>
    /// Default: none (required). <see cref="SpotLinkStackProps.Bootstrapped"/> defaults to <see langword="true"/>
    /// here, because CDK Pipelines deploys through the bootstrap roles of the target account.
    /// </remarks>
    public SpotLinkStackProps? StackProps { get; set; }

    /// <summary>The stack's construct id and default stack name.</summary>
    /// <remarks>Default: <c>SpotLinkStack</c>.</remarks>
    public string? StackId { get; set; }
}
