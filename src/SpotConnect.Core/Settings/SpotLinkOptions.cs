using SpotConnect.Policies;
using SpotConnect.Selection;

namespace SpotConnect.Settings;

/// <summary>
/// What one Spot link is made of, as given: each property is a setting of <see cref="SpotSettings"/>, and
/// <see langword="null"/> means its default. <see cref="SpotLinkSpec.Resolve"/> applies the defaults and checks
/// every rule at once. The constructs' props derive from this type, so each option is declared once.
/// </summary>
public record SpotLinkOptions
{
    /// <summary>
    /// The external id Spot generated for this account, which Spot must present to assume the role: 2–1,224
    /// characters of <c>[\w+=,.@:/-]</c>. May be a deploy-time token (a CloudFormation parameter's value).
    /// </summary>
    /// <remarks>Default: none. <c>SpotLink</c> requires it; <c>SpotLinkStack</c> then takes it as the CloudFormation parameter <c>ExternalId</c>.</remarks>
    public string? ExternalId { get; init; }

    /// <summary>The permission bundles to grant.</summary>
    /// <remarks>Default: <see cref="BundleSelection.Default"/> (Spot's "Default Permissions").</remarks>
    public BundleSelection? Bundles { get; init; }

    /// <summary>The partition the role is created in.</summary>
    /// <remarks>Default: <see cref="SpotPartition.Aws"/>.</remarks>
    public SpotPartition? Partition { get; init; }

    /// <summary>The Spot AWS account trusted to assume the role (12 digits).</summary>
    /// <remarks>Default: Spot's published account in the partition (<c>922761411349</c> in <c>aws</c>); required in other partitions.</remarks>
    public string? PrincipalAccountId { get; init; }

    /// <summary>The IAM role name, 1–64 characters of <c>[\w+=,.@-]</c>; a token is checked at deploy time.</summary>
    /// <remarks>Default: <c>Spot-Role</c>.</remarks>
    public string? RoleName { get; init; }

    /// <summary>Name of the first managed policy; more are <c>&lt;name&gt;-2</c>, <c>&lt;name&gt;-3</c>, … A token is checked at deploy time.</summary>
    /// <remarks>Default: <c>Spot-Policy</c>.</remarks>
    public string? PolicyName { get; init; }

    /// <summary>The role's quota of attached managed policies (1–20), AWS managed ones included.</summary>
    /// <remarks>Default: 10, IAM's default quota.</remarks>
    public int? MaxManagedPolicies { get; init; }
}
