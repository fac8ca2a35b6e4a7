using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>
/// Properties of <see cref="SpotLinkStack"/>: the stack's own (every <see cref="StackProps"/> property is passed through;
/// <see cref="StackProps.Tags"/> also tags the role; <see cref="StackProps.Synthesizer"/> decides bootstrapping) and the
/// link's options, flat (<see cref="ISpotLinkProps"/>).
/// </summary>
public class SpotLinkStackProps : StackProps, ISpotLinkStackProps
{
    /// <summary>The external id Spot generated for this account, which Spot must present to assume the role: 2–1,224 characters of <c>[\w+=,.@:/-]</c>. May be a deploy-time token.</summary>
    /// <remarks>Default: none: the template takes it as the CloudFormation parameter <c>ExternalId</c>, given at deploy time.</remarks>
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
