using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.S3.Assets;
using Constructs;
using SpotConnect.Org;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cdk;

/// <summary>
/// Connects every account of an AWS Organization to Spot from its management account (or a delegated
/// administrator): one <c>AWS::CloudFormation::StackSet</c> (service-managed, automatic deployment off) per group
/// of accounts, each deploying SpotLinkStack's role and policies to its accounts in one region, the external id
/// looked up per account in a <c>Mappings</c> table; and, from the management account, that account's own role.
/// </summary>
/// <remarks>
/// Accounts are placed in StackSets by <see cref="OrgStackSetPlanner"/> with the capacity of
/// <see cref="SpotOrgCapacity.For"/> (in memory: the state file is never written here). An account once in a
/// StackSet stays there; accounts that left the organization or are no longer active stay in their StackSet's
/// targets until <c>org sync --prune</c> removes them from the state. See docs/organizations.md.
/// </remarks>
/// <example>
/// <code>
/// new SpotOrgStack(app, "SpotOrgStack", new SpotOrgStackProps
/// {
///     Org = new SpotOrgOptions { OrgStateFile = "spot-org.json" },
///     Link = new SpotLinkProps { Bundles = BundleSelection.Parse("ocean,ocean.eks") },
///     Bootstrapped = true,
/// });
/// </code>
/// </example>
public sealed class SpotOrgStack : Stack
{
    /// <summary>The default stack name.</summary>
    public const string DefaultStackName = SpotSettings.DefaultOrgStackName;

    /// <summary>The StackSets' description; constant, so it never causes an update.</summary>
    public const string StackSetDescription = "Connects the organization's accounts to Spot (Elastigroup, Ocean): cross-account role and permission policies. Managed by SpotConnect.";

    private const string StackDescription = "Connects an AWS Organization's accounts to Spot (Elastigroup, Ocean) through CloudFormation StackSets. Managed by SpotConnect.";

    private static readonly FieldNames LinkProps = new(SettingSurface.Props, "Link.", new Dictionary<Setting, string> { [SpotSettings.Bootstrapped] = nameof(SpotOrgStackProps.Bootstrapped) });

    private static readonly FieldNames OrgProps = new(SettingSurface.Props, "Org.", new Dictionary<Setting, string> { [SpotSettings.Bootstrapped] = "Bootstrapped", [SpotSettings.Partition] = "Link.Partition" });

    /// <summary>Creates the stack; validates every property, the state and every limit first and throws with every problem found.</summary>
    /// <exception cref="SpotConnectValidationException">A property, the state or a CloudFormation limit is violated.</exception>
    public SpotOrgStack(Construct scope, string id, SpotOrgStackProps props)
        : this(scope, id, props, Resolve(props), LinkProps)
    {
    }

    /// <summary>For the SpotConnect app: everything was checked once already (<paramref name="spec"/>), and messages name context keys.</summary>
    internal SpotOrgStack(Construct scope, string id, SpotOrgStackProps props, SpotOrgSpec spec)
        : this(scope, id, props, spec, FieldNames.Context)
    {
    }

    private SpotOrgStack(Construct scope, string id, SpotOrgStackProps props, SpotOrgSpec spec, FieldNames names)
        : base(scope, id, SpotLinkStack.ToStackProps(props, spec.Bootstrapped, StackDescription))
    {
        Spec = spec;
        var removal = props.Link?.RemovalPolicy;
        var member = OrgMemberTemplate.Synthesize(this, spec.Link, removal, names);
        SpotLinkStack.AddPartitionRule(this, spec.Link.Partition, names);

        var stackSets = new List<CfnStackSet>();
        foreach (var stackSet in spec.StackSets)
        {
            var template = member.For(stackSet.Accounts);
            var resource = new CfnStackSet(this, stackSet.Name, new CfnStackSetProps
            {
                StackSetName = stackSet.Name,
                Description = StackSetDescription,
                PermissionModel = "SERVICE_MANAGED",
                AutoDeployment = new CfnStackSet.AutoDeploymentProperty { Enabled = false },
                Capabilities = ["CAPABILITY_NAMED_IAM"],
                ManagedExecution = new Dictionary<string, object> { ["Active"] = true }, // an untyped property: jsii would write a struct's JavaScript names
                CallAs = spec.CallAs,
                OperationPreferences = new CfnStackSet.OperationPreferencesProperty
                {
                    ConcurrencyMode = "SOFT_FAILURE_TOLERANCE",
                    FailureTolerancePercentage = spec.FailureTolerance,
                    MaxConcurrentPercentage = 100,
                },
                StackInstancesGroup = new object[]
                {
                    new CfnStackSet.StackInstancesProperty
                    {
                        Regions = [spec.Region],
                        DeploymentTargets = new CfnStackSet.DeploymentTargetsProperty
                        {
                            OrganizationalUnitIds = spec.State.TargetOus.ToArray(),
                            Accounts = stackSet.Accounts.Select(a => a.AwsAccountId).ToArray(),
                            AccountFilterType = "INTERSECTION",
                        },
                    },
                },
            });
            SetTemplate(resource, stackSet, template, spec, names);
            if (removal is { } policy)
            {
                resource.ApplyRemovalPolicy(policy);
            }

            stackSets.Add(resource);
            var outputId = new string(stackSet.Name.Where(char.IsAsciiLetterOrDigit).ToArray());
            _ = new CfnOutput(this, outputId + "Name", new CfnOutputProps { Value = resource.StackSetName!, Description = "A StackSet that connects accounts to Spot." });
            _ = new CfnOutput(this, outputId + "Accounts", new CfnOutputProps
            {
                Value = stackSet.Accounts.Count.ToString(CultureInfo.InvariantCulture),
                Description = $"Accounts in StackSet {stackSet.Name}.",
            });
        }

        StackSets = stackSets;
        if (spec.ManagementAccount is { } management)
        {
            // The role below is the management account's: deployed anywhere else it would trust that account's external id in the wrong account.
            _ = new CfnRule(this, "ManagementAccountRule", new CfnRuleProps
            {
                Assertions =
                [
                    new CfnRuleAssertion
                    {
                        Assert = Fn.ConditionEquals(Aws.ACCOUNT_ID, management.AwsAccountId),
                        AssertDescription = $"This stack administers the StackSets as the management account ({SpotSettings.CallAsSelf}) and holds its own Spot role: deploy it in the management account {management.AwsAccountId}.",
                    },
                ],
            });
            Link = new SpotLink(this, "SpotLink", spec.Link with { ExternalId = management.ExternalId }, removal);
            RoleArnOutput = new CfnOutput(this, "SpotRoleArn", new CfnOutputProps
            {
                Value = Link.Role.RoleArn,
                Description = "The management account's role: paste into Spot (connect account > IAM Role ARN), or run spot-connect org register.",
            });
        }
    }

    private readonly Lazy<string> _assetDirectory = new(() => Directory.CreateTempSubdirectory("spotconnect-org-templates-").FullName);

    /// <summary>The validated rollout: the state with every deployable account placed, the StackSets, the capacity.</summary>
    public SpotOrgSpec Spec { get; }

    /// <summary>The StackSets, in the state's order.</summary>
    public IReadOnlyList<CfnStackSet> StackSets { get; }

    /// <summary>The management account's own role and policies (StackSets never deploy to it), when it administers the StackSets; otherwise <see langword="null"/>.</summary>
    public SpotLink? Link { get; }

    /// <summary>The management account's <c>SpotRoleArn</c> output, when <see cref="Link"/> is present.</summary>
    public CfnOutput? RoleArnOutput { get; }

    private static SpotOrgSpec Resolve(SpotOrgStackProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var problems = new List<ValidationProblem>();
        var link = SpotLinkSpec.TryResolve((props.Link ?? new SpotLinkProps()) with { ExternalId = null }, LinkProps, problems, Token.IsUnresolved);
        var spec = SpotOrgSpec.TryResolve(props.Org ?? new SpotOrgOptions(), link, props.Bootstrapped ?? false, OrgProps, problems);
        return problems.Count == 0 && spec is not null ? spec : throw new SpotConnectValidationException(problems);
    }

    /// <summary>Inline when the member template fits 51,200 bytes; from S3 (an asset) when the admin account is bootstrapped and it fits 460,800.</summary>
    private void SetTemplate(CfnStackSet resource, SpotOrgStackSet stackSet, string template, SpotOrgSpec spec, FieldNames names)
    {
        var bytes = Encoding.UTF8.GetByteCount(template);
        if (bytes <= OrgLimits.InlineTemplateBytes)
        {
            resource.TemplateBody = template;
            return;
        }

        if (!spec.Bootstrapped || bytes > OrgLimits.TemplateUrlBytes)
        {
            throw new SpotConnectValidationException(new ValidationProblem(names.Of(SpotSettings.Bootstrapped), spec.Bootstrapped ? "true" : "false",
                $"the member template of StackSet {stackSet.Name} ({stackSet.Accounts.Count:N0} accounts) is {bytes:N0} bytes, over the {(spec.Bootstrapped ? OrgLimits.TemplateUrlBytes : OrgLimits.InlineTemplateBytes):N0} bytes CloudFormation accepts" +
                (spec.Bootstrapped
                    ? $" for a StackSet template in S3. Its accounts were placed with a tenth of the limit kept free for later growth; the role and policies now need more than that. Accounts never move between StackSets (moving would delete their roles), so go back to a smaller selection or fewer least-privilege grants, or move the rollout to a new state file and StackSets deliberately."
                    : $" inline. Run `cdk bootstrap` in the admin account and set {names.Of(SpotSettings.Bootstrapped)}=true.")));
        }

        // Written fresh into a directory of this synthesis alone (never a shared path another process or user could
        // have planted a template in); the CDK hashes the content, so the asset is the same on every synthesis.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template)));
        var file = Path.Combine(_assetDirectory.Value, $"{hash}.template.json");
        IO.AtomicFile.WriteAllText(file, template);

        var asset = new Asset(this, stackSet.Name + "Template", new AssetProps { Path = file });
        resource.TemplateUrl = asset.HttpUrl;
    }
}
