using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using SpotConnect.Catalog;
using SpotConnect.Configuration;
using SpotConnect.Policies;
using SpotConnect.Selection;

namespace SpotConnect.Cdk;

/// <summary>
/// The cross-account connection Spot needs: an IAM role that Spot's AWS account may assume with the
/// external id, and the customer managed policies (plus any AWS managed ones) that grant the selected
/// permission bundles.
/// </summary>
/// <remarks>
/// Policies come from <see cref="PolicyBuilder"/>, the same builder as <c>spot-connect policy</c>, so the
/// CLI's "View JSON" and the template cannot disagree. Logical ids do not depend on the selection:
/// changing bundles updates policies in place and never replaces the role.
/// </remarks>
public sealed class SpotLink : Construct
{
    /// <summary>Description of the role; constant, so it never causes an update.</summary>
    public const string RoleDescription = "Lets Spot (Elastigroup, Ocean) manage compute in this account. Managed by SpotConnect.";

    /// <summary>Creates the role and policies; validates <paramref name="props"/> first and throws with every problem.</summary>
    /// <exception cref="Validation.SpotConnectValidationException">A property is invalid.</exception>
    public SpotLink(Construct scope, string id, SpotLinkProps props)
        : this(scope, id, Resolve(props), props.RemovalPolicy)
    {
    }

    internal SpotLink(Construct scope, string id, SpotLinkSpec spec, RemovalPolicy? removalPolicy)
        : base(scope, id)
    {
        Spec = spec;
        ExternalId = spec.ExternalId ?? throw new ArgumentException("The external id must be set.", nameof(spec));

        Role = new Role(this, "Role", new RoleProps
        {
            RoleName = spec.RoleName,
            Description = RoleDescription,
            AssumedBy = new AccountPrincipal(spec.PrincipalAccountId),
            ExternalIds = [ExternalId],
            ManagedPolicies = spec.Plan.AwsManagedPolicies.Select(ManagedPolicy.FromAwsManagedPolicyName).ToArray(),
        });

        ManagedPolicies = spec.Plan.Policies.Select((policy, index) => new ManagedPolicy(this, LogicalName(index), new ManagedPolicyProps
        {
            ManagedPolicyName = policy.Name,
            Description = PolicyDescription,
            Document = new PolicyDocument(new PolicyDocumentProps
            {
                Statements = policy.Statements.Select(ToCdk).ToArray(),
            }),
            Roles = [Role],
        })).ToArray();

        if (removalPolicy is { } removal)
        {
            Role.ApplyRemovalPolicy(removal);
            foreach (var policy in ManagedPolicies)
            {
                policy.ApplyRemovalPolicy(removal);
            }
        }
    }

    /// <summary>Description of every customer managed policy; constant, because changing it replaces the policy.</summary>
    public static string PolicyDescription => "Permissions Spot needs in this account. Managed by SpotConnect: change the bundle selection, not this policy.";

    /// <summary>The validated inputs and the policy plan this link was built from.</summary>
    public SpotLinkSpec Spec { get; }

    /// <summary>The role Spot assumes.</summary>
    public Role Role { get; }

    /// <summary>The customer managed policies, in order (<c>Spot-Policy</c>, <c>Spot-Policy-2</c>, …).</summary>
    public IReadOnlyList<ManagedPolicy> ManagedPolicies { get; }

    /// <summary>The external id the trust policy requires (a token when given at deploy time).</summary>
    public string ExternalId { get; }

    /// <summary>The construct id of the <paramref name="index"/>-th managed policy: stable for a given position.</summary>
    internal static string LogicalName(int index) => index == 0 ? "Policy" : $"Policy{index + 1}";

    private static SpotLinkSpec Resolve(SpotLinkProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        return Resolve(props.ExternalId, props.Bundles, props.Partition, props.PrincipalAccountId, props.RoleName, props.PolicyName, props.MaxManagedPolicies);
    }

    /// <summary>Validates construct properties (named as the props name them); a token external id is left for deploy time.</summary>
    internal static SpotLinkSpec Resolve(
        string? externalId, BundleSelection? bundles, SpotPartition? partition, string? principalAccountId, string? roleName, string? policyName, int? maxManagedPolicies) =>
        SpotLinkSpec.Resolve(
            new SpotLinkInputs(
                externalId,
                externalId is not null && Token.IsUnresolved(externalId),
                bundles,
                partition,
                principalAccountId,
                roleName,
                policyName,
                maxManagedPolicies),
            SpotLinkFieldNames.Props);

    private static PolicyStatement ToCdk(PolicyStatementSpec statement) => new(new PolicyStatementProps
    {
        Sid = statement.Sid,
        Effect = Effect.ALLOW,
        Actions = statement.Actions.ToArray(),
        Resources = statement.Resources
            .Select(r => r.Replace(CatalogStatement.PartitionPlaceholder, Aws.PARTITION, StringComparison.Ordinal))
            .ToArray(),
    });
}
