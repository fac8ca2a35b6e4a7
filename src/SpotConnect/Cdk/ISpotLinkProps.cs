using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>What every props type of one link carries (<see cref="SpotLinkProps"/>, <see cref="SpotLinkStackProps"/>, <see cref="SpotLinkStageProps"/>): the link's options (<see cref="ISpotLinkOptions"/>) and what only a construct has.</summary>
public interface ISpotLinkProps : ISpotLinkOptions
{
    /// <summary>What happens to the role and its policies when they leave the stack or the stack is deleted.</summary>
    /// <remarks>Default: <see cref="Amazon.CDK.RemovalPolicy.DESTROY"/>: deleting the stack deletes the role, which disconnects Spot.</remarks>
    RemovalPolicy? RemovalPolicy { get; }
}
