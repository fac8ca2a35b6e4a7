using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>Properties of <see cref="SpotOrgStackSets"/>: the organization (<see cref="ISpotOrgOptions"/>) and the role and policies every account gets (<see cref="ISpotRoleOptions"/>), flat.</summary>
public class SpotOrgStackSetsProps : ISpotOrgStackSetsProps
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
