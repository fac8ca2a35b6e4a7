using Amazon.CDK;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>
/// Properties of <see cref="SpotLink"/>: the link's options (<see cref="SpotLinkOptions"/>: external id,
/// bundles, partition, trusted account, names, quota), plus what only a construct has.
/// </summary>
/// <example>
/// <code>
/// new SpotLink(stack, "Spot", new SpotLinkProps
/// {
///     ExternalId = "pzwWFQdK8ih4ei1T3BpX5EI-OlzFWTRamyq-ckdopWk-",
///     Bundles = BundleSelection.Parse("ocean,ocean.eks"),
///     RemovalPolicy = RemovalPolicy.RETAIN,
/// });
/// </code>
/// </example>
public sealed record SpotLinkProps : SpotLinkOptions
{
    /// <summary>What happens to the role and its policies when they leave the stack or the stack is deleted.</summary>
    /// <remarks>Default: <see cref="Amazon.CDK.RemovalPolicy.DESTROY"/>: deleting the stack deletes the role, which disconnects Spot.</remarks>
    public RemovalPolicy? RemovalPolicy { get; init; }
}
