using Amazon.CDK;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>The link's options (<see cref="ISpotLinkOptions"/>) and what only a construct has: every SpotConnect props type implements it.</summary>
public interface ISpotLinkProps : ISpotLinkOptions
{
    /// <summary>What happens to the role and its policies (and, for an organization, the StackSets) when they leave the stack or the stack is deleted.</summary>
    /// <remarks>Default: <see cref="Amazon.CDK.RemovalPolicy.DESTROY"/>: deleting the stack deletes the role, which disconnects Spot.</remarks>
    RemovalPolicy? RemovalPolicy { get; }
}
