using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>
/// Properties of <see cref="SpotOrgStack"/>: the stack's own (every <see cref="StackProps"/> property is passed through;
/// <see cref="StackProps.Tags"/> also tags the roles; <see cref="StackProps.Synthesizer"/> decides bootstrapping), the
/// organization (<see cref="ISpotOrgOptions"/>) and the role and policies every account gets (<see cref="ISpotRoleOptions"/>), flat.
/// </summary>
public class SpotOrgStackProps : StackProps, ISpotOrgStackProps
{
    /// <inheritdoc />
    public Org.OrgState? State { get; set; }

    /// <inheritdoc />
    public string? Region { get; set; }

    /// <inheritdoc />
    public Org.OrgCallAs? CallAs { get; set; }

    /// <inheritdoc />
    public int? FailureTolerance { get; set; }

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
