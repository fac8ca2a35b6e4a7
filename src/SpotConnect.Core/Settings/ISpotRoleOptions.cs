using SpotConnect.Policies;
using SpotConnect.Selection;

namespace SpotConnect.Settings;

/// <summary>
/// The role and policies Spot gets, flat: each property is a setting of <see cref="SpotSettings.Link"/> (all but the
/// external id), and <see langword="null"/> means its default. An organization rollout takes these for every account
/// (each account's external id comes from the org state); one link takes them with its external id
/// (<see cref="ISpotLinkOptions"/>). <see cref="SpotLinkSpec.Resolve"/> applies the defaults and checks every rule at once.
/// </summary>
public interface ISpotRoleOptions
{
    /// <summary>The permission bundles to grant.</summary>
    /// <remarks>Default: <see cref="BundleSelection.Default"/> (Spot's "Default Permissions").</remarks>
    BundleSelection? Bundles { get; }

    /// <summary>The partition the role is created in.</summary>
    /// <remarks>Default: <see cref="SpotPartition.Aws"/>.</remarks>
    SpotPartition? Partition { get; }

    /// <summary>The Spot AWS account trusted to assume the role (12 digits).</summary>
    /// <remarks>Default: Spot's published account in the partition (<c>922761411349</c> in <c>aws</c>); required in other partitions.</remarks>
    string? PrincipalAccountId { get; }

    /// <summary>The IAM role name, 1–64 characters of <c>[\w+=,.@-]</c>; a token is checked at deploy time.</summary>
    /// <remarks>Default: <c>Spot-Role</c>.</remarks>
    string? RoleName { get; }

    /// <summary>
    /// The role's IAM path: <c>/</c>, or one that starts and ends with <c>/</c> (e.g. <c>/vendor/spot/</c>), 1–512
    /// characters from <c>!</c> to <c>~</c>. The role ARN carries it (<c>…:role/vendor/spot/Spot-Role</c>), as SCPs
    /// that allow <c>role/vendor/*</c> expect. Changing it replaces the role (a new ARN Spot must be given).
    /// </summary>
    /// <remarks>Default: <c>/</c>, and then the template has no <c>Path</c> property at all.</remarks>
    string? RolePath { get; }

    /// <summary>Name of the first managed policy; more are <c>&lt;name&gt;-2</c>, <c>&lt;name&gt;-3</c>, … A token is checked at deploy time.</summary>
    /// <remarks>Default: <c>Spot-Policy</c>.</remarks>
    string? PolicyName { get; }

    /// <summary>The role's quota of attached managed policies (1–20), AWS managed ones included.</summary>
    /// <remarks>Default: 10, IAM's default quota.</remarks>
    int? MaxManagedPolicies { get; }

    /// <summary>
    /// The role's permissions boundary: a managed policy ARN in the link's partition, or the name of a managed
    /// policy in the deploying account. Changing it updates the role in place. (Named for the role: a stack's or a
    /// stage's own <c>PermissionsBoundary</c> is CDK's, for every role in it.)
    /// </summary>
    /// <remarks>Default: none.</remarks>
    string? RolePermissionsBoundary { get; }

    /// <summary>
    /// Tags on the role (and, for a stack, on the stack). CloudFormation cannot tag an <c>AWS::IAM::ManagedPolicy</c>.
    /// IAM's rules apply: at most 50, keys 1–128 and values 0–256 characters, no <c>aws:</c> prefix.
    /// </summary>
    /// <remarks>Default: none.</remarks>
    IDictionary<string, string>? Tags { get; }

    /// <summary>
    /// Region codes of the link's partition: regional actions are allowed only there (<c>aws:RequestedRegion</c>);
    /// actions of global services (IAM, Organizations, Route 53, STS, Savings Plans, …) stay usable.
    /// </summary>
    /// <remarks>Default: every region.</remarks>
    IReadOnlyList<string>? Regions { get; }

    /// <summary>Whether Spot's destructive EC2 actions are allowed only on resources tagged <c>spotinst:aws:ec2:group:createdBy</c> = <c>spotinst</c>.</summary>
    /// <remarks>Default: <see langword="false"/>.</remarks>
    bool? RestrictToSpotResources { get; }

    /// <summary>ARNs of KMS keys Spot may use for encrypted EBS volumes (Spot's documented key grants, on exactly these keys).</summary>
    /// <remarks>Default: none.</remarks>
    IReadOnlyList<string>? KmsKeyArns { get; }

    /// <summary>Name of the S3 bucket Spot may write exported Ocean logs to (<c>s3:PutObject</c> on its objects).</summary>
    /// <remarks>Default: none.</remarks>
    string? LogBucket { get; }
}

