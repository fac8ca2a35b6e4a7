using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>Properties of <see cref="SpotLink"/>: the link's options (<see cref="ISpotLinkOptions"/>) and the removal policy.</summary>
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
public class SpotLinkProps : ISpotLinkProps
{
    /// <summary>The external id Spot generated for this account, which Spot must present to assume the role: 2–1,224 characters of <c>[\w+=,.@:/-]</c>. May be a deploy-time token (a CloudFormation parameter's value).</summary>
    /// <remarks>Default: none (required).</remarks>
    public string? ExternalId { get; set; }

    /// <inheritdoc />
    public BundleSelection? Bundles { get; set; }

    /// <inheritdoc />
    public SpotPartition? Partition { get; set; }

    /// <inheritdoc />
    public string? PrincipalAccountId { get; set; }

    /// <inheritdoc />
    public string? RoleName { get; set; }

    /// <inheritdoc />
    public string? RolePath { get; set; }

    /// <inheritdoc />
    public string? PolicyName { get; set; }

    /// <inheritdoc />
    public int? MaxManagedPolicies { get; set; }

    /// <inheritdoc />
    public string? RolePermissionsBoundary { get; set; }

    /// <summary>Tags on the role (and the stack around it). CloudFormation cannot tag an <c>AWS::IAM::ManagedPolicy</c>. IAM's rules apply: at most 50, keys 1–128 and values 0–256 characters, no <c>aws:</c> prefix.</summary>
    /// <remarks>Default: none.</remarks>
    public IDictionary<string, string>? Tags { get; set; }

    /// <inheritdoc />
    public IReadOnlyList<string>? Regions { get; set; }

    /// <inheritdoc />
    public bool? RestrictToSpotResources { get; set; }

    /// <inheritdoc />
    public IReadOnlyList<string>? KmsKeyArns { get; set; }

    /// <inheritdoc />
    public string? LogBucket { get; set; }

    /// <inheritdoc />
    public RemovalPolicy? RemovalPolicy { get; set; }
}
