using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>Properties of <see cref="SpotLinkStage"/>: the stage's own (<see cref="IStageProps"/>), the stack inside it, and the link's (<see cref="ISpotLinkProps"/>), flat.</summary>
public interface ISpotLinkStageProps : IStageProps, ISpotLinkProps
{
    /// <summary>The stack's construct id inside the stage.</summary>
    /// <remarks>Default: <c>SpotLinkStack</c>.</remarks>
    string? StackId { get; }

    /// <summary>The CloudFormation stack name.</summary>
    /// <remarks>Default: the stage's name and <see cref="StackId"/>, as CDK names a stack in a stage.</remarks>
    string? StackName { get; }

    /// <summary>The stack's synthesizer.</summary>
    /// <remarks>Default: the stage's default (CDK's <see cref="DefaultStackSynthesizer"/>): CDK Pipelines deploys through the bootstrap roles of the target account.</remarks>
    IStackSynthesizer? Synthesizer { get; }
}
