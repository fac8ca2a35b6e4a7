using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;

namespace SpotConnect.Cdk;

/// <summary>Properties of <see cref="SpotLinkStack"/>: the stack's own, plus those of the Spot link it holds.</summary>
public class SpotLinkStackProps : StackProps
{
    /// <summary>The external id Spot generated for this account (2–1,224 characters of <c>[\w+=,.@:/-]</c>).</summary>
    /// <remarks>Default: none; the template gets a CloudFormation parameter <c>ExternalId</c>, given at deploy time.</remarks>
    public string? ExternalId { get; set; }

    /// <summary>The permission bundles to grant.</summary>
    /// <remarks>Default: <see cref="BundleSelection.Default"/> (Spot's "Default Permissions").</remarks>
    public BundleSelection? Bundles { get; set; }

    /// <summary>The partition the stack deploys into; the template refuses to deploy anywhere else.</summary>
    /// <remarks>Default: <see cref="SpotPartition.Aws"/>.</remarks>
    public SpotPartition? Partition { get; set; }

    /// <summary>The Spot AWS account trusted to assume the role (12 digits).</summary>
    /// <remarks>Default: <c>922761411349</c> in <c>aws</c>; required in other partitions.</remarks>
    public string? PrincipalAccountId { get; set; }

    /// <summary>The IAM role name.</summary>
    /// <remarks>Default: <c>Spot-Role</c>.</remarks>
    public string? RoleName { get; set; }

    /// <summary>Name of the first managed policy; more are <c>&lt;name&gt;-2</c>, <c>&lt;name&gt;-3</c>, …</summary>
    /// <remarks>Default: <c>Spot-Policy</c>.</remarks>
    public string? PolicyName { get; set; }

    /// <summary>The role's managed-policy quota (1–20), AWS managed ones included.</summary>
    /// <remarks>Default: 10.</remarks>
    public int? MaxManagedPolicies { get; set; }

    /// <summary>
    /// Whether the target account was bootstrapped with <c>cdk bootstrap</c>. When <see langword="false"/> the
    /// stack uses <see cref="NoBootstrapSynthesizer"/>: <c>cdk deploy</c> works in a fresh account with the
    /// caller's credentials. When <see langword="true"/>, the synthesizer is the app's default (or
    /// <see cref="StackProps.Synthesizer"/> when set).
    /// </summary>
    /// <remarks>Default: <see langword="false"/>.</remarks>
    public bool? Bootstrapped { get; set; }

    /// <summary>
    /// Whether the role and its policies stay in the account when the stack is deleted (or when they leave
    /// the stack), so an accidental <c>cdk destroy</c> does not disconnect Spot.
    /// </summary>
    /// <remarks>Default: <see langword="false"/>: deleting the stack deletes the role and Spot loses access.</remarks>
    public bool? RetainOnDelete { get; set; }
}
