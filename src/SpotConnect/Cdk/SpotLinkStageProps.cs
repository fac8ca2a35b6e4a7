using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>Properties of <see cref="SpotLinkStage"/>: the stage's own (<see cref="StageProps"/>), the stack inside it, and the link's options, flat.</summary>
public class SpotLinkStageProps : StageProps, ISpotLinkProps
{
    /// <summary>The external id Spot generated for the stage's account: 2–1,224 characters of <c>[\w+=,.@:/-]</c>.</summary>
    /// <remarks>Default: none (required: a pipeline cannot pass the <c>ExternalId</c> parameter at deploy time).</remarks>
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

    /// <summary>
    /// The role's permissions boundary: a managed policy ARN in the link's partition, or the name of a managed policy in the
    /// deploying account. Changing it updates the role in place. (This is SpotConnect's string setting: it takes the place of
    /// CDK's stack-wide <c>PermissionsBoundary</c> object, since the stack's only role is Spot's.)
    /// </summary>
    /// <remarks>Default: none.</remarks>
    public new string? PermissionsBoundary { get; set; }

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

    /// <summary>The stack's construct id inside the stage.</summary>
    /// <remarks>Default: <c>SpotLinkStack</c>.</remarks>
    public string? StackId { get; set; }

    /// <summary>The CloudFormation stack name.</summary>
    /// <remarks>Default: the stage's name and <see cref="StackId"/>, as CDK names a stack in a stage.</remarks>
    public string? StackName { get; set; }

    /// <summary>Whether the target account was bootstrapped (see <see cref="SpotLinkStackProps.Bootstrapped"/>).</summary>
    /// <remarks>Default: <see langword="true"/>: CDK Pipelines deploys through the bootstrap roles of the target account.</remarks>
    public bool? Bootstrapped { get; set; }
}
