using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>Properties of <see cref="SpotOrgStackSets"/>: the organization (<see cref="ISpotOrgOptions"/>) and the role and policies every account gets (<see cref="ISpotLinkOptions"/>), flat.</summary>
public class SpotOrgStackSetsProps : ISpotLinkProps, ISpotOrgOptions
{
    /// <inheritdoc />
    public Org.OrgState? State { get; set; }

    /// <inheritdoc />
    public string? Region { get; set; }

    /// <inheritdoc />
    public Org.OrgCallAs? CallAs { get; set; }

    /// <inheritdoc />
    public int? FailureTolerance { get; set; }

    /// <summary>
    /// Whether the admin account was bootstrapped with <c>cdk bootstrap</c>. When <see langword="false"/> every template
    /// must be inline (51,200 bytes); when <see langword="true"/>, member templates over 51,200 bytes go to S3 as assets
    /// (up to 460,800 bytes), so a StackSet holds about ten times as many accounts.
    /// </summary>
    /// <remarks>Default: <see langword="false"/>.</remarks>
    public bool? Bootstrapped { get; set; }

    /// <summary>Not used: each account's external id comes from <see cref="State"/>. Setting it is an error, never silently ignored.</summary>
    /// <remarks>Default: none (must stay unset).</remarks>
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
    public string? PermissionsBoundary { get; set; }

    /// <summary>Tags on the role (and the stack around it). CloudFormation cannot tag an <c>AWS::IAM::ManagedPolicy</c>. IAM's rules apply: at most 50, keys 1–128 and values 0–256 characters, no <c>aws:</c> prefix.</summary>
    /// <remarks>Default: none.</remarks>
    public IDictionary<string, string>? Tags { get; set; }

    /// <inheritdoc />
    IReadOnlyDictionary<string, string>? ISpotLinkOptions.Tags => Tags is null ? null : new Dictionary<string, string>(Tags, StringComparer.Ordinal);

    /// <inheritdoc />
    public IReadOnlyList<string>? Regions { get; set; }

    /// <inheritdoc />
    public bool? RestrictToSpotResources { get; set; }

    /// <inheritdoc />
    public IReadOnlyList<string>? KmsKeyArns { get; set; }

    /// <inheritdoc />
    public string? LogBucket { get; set; }

    /// <summary>What happens to the role and its policies (and, for an organization, the StackSets) when they leave the stack or the stack is deleted.</summary>
    /// <remarks>Default: <see cref="Amazon.CDK.RemovalPolicy.DESTROY"/>: deleting the stack deletes the role, which disconnects Spot.</remarks>
    public RemovalPolicy? RemovalPolicy { get; set; }
}
