using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;

namespace SpotConnect.Cdk;

/// <summary>Properties of <see cref="SpotLink"/>.</summary>
public sealed class SpotLinkProps
{
    /// <summary>
    /// The external id Spot generated for this account (Spot console → connect account), which Spot must
    /// present to assume the role. 2–1,224 characters of <c>[\w+=,.@:/-]</c>. May be a token, such as a
    /// CloudFormation parameter's value, in which case it is checked at deploy time instead.
    /// </summary>
    public required string ExternalId { get; init; }

    /// <summary>The permission bundles to grant.</summary>
    /// <remarks>Default: <see cref="BundleSelection.Default"/> (Spot's "Default Permissions").</remarks>
    public BundleSelection? Bundles { get; init; }

    /// <summary>The partition the stack deploys into.</summary>
    /// <remarks>Default: <see cref="SpotPartition.Aws"/>.</remarks>
    public SpotPartition? Partition { get; init; }

    /// <summary>The Spot AWS account trusted to assume the role (12 digits).</summary>
    /// <remarks>Default: Spot's published account in the partition (<c>922761411349</c> in <c>aws</c>); required in other partitions.</remarks>
    public string? PrincipalAccountId { get; init; }

    /// <summary>The IAM role name, 1–64 characters of <c>[\w+=,.@-]</c>.</summary>
    /// <remarks>Default: <c>Spot-Role</c>.</remarks>
    public string? RoleName { get; init; }

    /// <summary>Name of the first managed policy; more are <c>&lt;name&gt;-2</c>, <c>&lt;name&gt;-3</c>, …</summary>
    /// <remarks>Default: <c>Spot-Policy</c>.</remarks>
    public string? PolicyName { get; init; }

    /// <summary>The role's quota of attached managed policies (1–20), AWS managed ones included.</summary>
    /// <remarks>Default: 10, IAM's default quota.</remarks>
    public int? MaxManagedPolicies { get; init; }

    /// <summary>What happens to the role and its policies when they leave the stack or the stack is deleted.</summary>
    /// <remarks>Default: <see cref="RemovalPolicy.DESTROY"/>: deleting the stack deletes the role, which disconnects Spot.</remarks>
    public RemovalPolicy? RemovalPolicy { get; init; }
}
