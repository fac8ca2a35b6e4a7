using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using SpotConnect.Catalog;
using SpotConnect.Policies;
using SpotConnect.Settings;
using SpotConnect.Validation;

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
/// <example>
/// <code>
/// var link = new SpotLink(myStack, "Spot", new SpotLinkProps { ExternalId = externalId, Bundles = BundleSelection.Parse("ocean,ocean.eks") });
/// link.Role.GrantAssumeRole(...);   // an IRole, as any aws-cdk-lib role
/// // link.ManagedPolicies (IManagedPolicy), link.Spec.Plan (the policies as data)
/// </code>
/// </example>
public sealed class SpotLink : Construct
{
    /// <summary>Description of the role; constant, so it never causes an update.</summary>
    public const string RoleDescription = "Lets Spot (Elastigroup, Ocean) manage compute in this account. Managed by SpotConnect.";

    /// <summary>Creates the role and policies; validates <paramref name="props"/> first and throws with every problem.</summary>
    /// <exception cref="SpotConnectValidationException">A property is invalid (every problem is listed, named as the props name it).</exception>
    public SpotLink(Construct scope, string id, ISpotLinkProps props)
        : this(scope, id, Resolve(props), props.RemovalPolicy)
    {
    }

    internal SpotLink(Construct scope, string id, SpotLinkSpec spec, RemovalPolicy? removalPolicy)
        : base(scope, id)
    {
        Spec = spec;
        ExternalId = spec.ExternalId ?? throw new ArgumentException("The external id must be set.", nameof(spec));

        var role = new Role(this, "Role", new RoleProps
        {
            RoleName = spec.RoleName,
            Path = spec.RolePath == SpotSettings.DefaultRolePath ? null : spec.RolePath, // adding even "/" to a deployed role would replace it
            Description = RoleDescription,
            AssumedBy = new AccountPrincipal(spec.PrincipalAccountId),
            ExternalIds = [ExternalId],
            ManagedPolicies = spec.Plan.AwsManagedPolicies.Select(ManagedPolicy.FromAwsManagedPolicyName).ToArray(),
            PermissionsBoundary = spec.PermissionsBoundary is { } boundary ? Boundary(this, boundary) : null,
        });
        Role = role;
        foreach (var (key, value) in spec.Tags)
        {
            Amazon.CDK.Tags.Of(role).Add(key, value);
        }

        var policies = spec.Plan.Policies.Select((policy, index) => new ManagedPolicy(this, LogicalName(index), new ManagedPolicyProps
        {
            ManagedPolicyName = policy.Name,
            Description = PolicyDescription,
            Document = new PolicyDocument(new PolicyDocumentProps
            {
                Statements = policy.Statements.Select(ToCdk).ToArray(),
            }),
            Roles = [role],
        })).ToArray();
        ManagedPolicies = policies;

        NagSuppressions.Apply(spec.Plan, role, policies);

        if (removalPolicy is { } removal)
        {
            role.ApplyRemovalPolicy(removal);
            foreach (var policy in policies)
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
    public IRole Role { get; }

    /// <summary>The customer managed policies, in order (<c>Spot-Policy</c>, <c>Spot-Policy-2</c>, …).</summary>
    public IReadOnlyList<IManagedPolicy> ManagedPolicies { get; }

    /// <summary>The external id the trust policy requires (a token when given at deploy time).</summary>
    public string ExternalId { get; }

    /// <summary>The construct id of the <paramref name="index"/>-th managed policy: stable for a given position.</summary>
    internal static string LogicalName(int index) => index == 0 ? "Policy" : $"Policy{index + 1}";

    /// <summary>
    /// Checks the props once, every problem at once, named as the props name them. Tokens (deploy-time values) are not
    /// checked, as CDK's <c>Role</c> does: they are resolved only by CloudFormation.
    /// </summary>
    private static SpotLinkSpec Resolve(ISpotLinkProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var problems = new List<ValidationProblem>();
        if (props.ExternalId is null)
        {
            problems.Add(SpotSettings.ExternalId.Problem(null, "required: the external id Spot generated for this account (Spot console: connect account), which Spot presents to assume the role."));
        }

        var spec = SpotLinkSpec.TryResolve(props, problems, Token.IsUnresolved);
        return problems.Count == 0 && spec is not null ? spec : throw PropsNames.Of(new SpotConnectValidationException(problems));
    }

    /// <summary>The boundary policy: by ARN, or by name in the deploying account (partition and account resolved at deploy time).</summary>
    private static IManagedPolicy Boundary(Construct scope, string boundary) =>
        boundary.StartsWith("arn:", StringComparison.Ordinal) || Token.IsUnresolved(boundary)
            ? ManagedPolicy.FromManagedPolicyArn(scope, "PermissionsBoundary", boundary)
            : ManagedPolicy.FromManagedPolicyName(scope, "PermissionsBoundary", boundary);

    private static PolicyStatement ToCdk(PolicyStatementSpec statement) => new(new PolicyStatementProps
    {
        Sid = statement.Sid,
        Effect = Effect.ALLOW,
        Actions = statement.Actions.ToArray(),
        Resources = statement.Resources
            .Select(r => r.Replace(CatalogStatement.PartitionPlaceholder, Aws.PARTITION, StringComparison.Ordinal))
            .ToArray(),
        Conditions = statement.Conditions.Count == 0 ? null : statement.ConditionBlock().ToDictionary(kv => kv.Key, kv => (object)kv.Value.ToDictionary(v => v.Key, v => v.Value)),
    });
}
