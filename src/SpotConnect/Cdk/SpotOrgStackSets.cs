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
/// The organization rollout as a construct for any stack of a management account (or a delegated administrator):
/// one <c>AWS::CloudFormation::StackSet</c> (service-managed, automatic deployment off) per group of accounts, each
/// deploying SpotLinkStack's role and policies to its accounts in one region, the external id looked up per account in
/// a <c>Mappings</c> table; with <see cref="OrgCallAs.Self"/>, the management account's own role too (StackSets never
/// deploy to it), tied to that account by a rule. <see cref="SpotOrgStack"/> is a stack holding just this.
/// </summary>
/// <remarks>
/// Takes the organization as an object (<see cref="OrgState.Load"/> reads <c>spot-org.json</c>; no file is read here).
/// Accounts are placed in StackSets by <see cref="OrgStackSetPlanner"/> in memory (the state is never written here);
/// an account once in a StackSet stays there. Member templates over 51,200 bytes go to S3 as assets, so the stack
/// needs a bootstrapped synthesizer then (its <see cref="Stack.Synthesizer"/>, e.g. <see cref="DefaultStackSynthesizer"/>). See docs/organizations.md.
/// </remarks>
/// <example>
/// <code>
/// var stackSets = new SpotOrgStackSets(myStack, "Spot", new SpotOrgStackSetsProps
/// {
///     State = OrgState.Load("spot-org.json"),
///     Bundles = BundleSelection.Parse("ocean,ocean.eks"),
/// });
/// // stackSets.StackSets (CfnStackSet), stackSets.Link (the management account's role, or null)
/// </code>
/// </example>
public sealed class SpotOrgStackSets : Construct
{
    /// <summary>The StackSets' description; constant, so it never causes an update.</summary>
    public const string StackSetDescription = "Connects the organization's accounts to Spot (Elastigroup, Ocean): cross-account role and permission policies. Managed by SpotConnect.";

    /// <summary>Creates the StackSets; validates every property, the state and every limit first and throws with every problem found, named as the props name them.</summary>
    /// <exception cref="SpotConnectValidationException">A property, the state or a CloudFormation limit is violated.</exception>
    public SpotOrgStackSets(Construct scope, string id, ISpotOrgStackSetsProps props)
        : this(scope, id, props, Resolve(props, SpotLinkStack.IsBootstrapped(Stack.Of(scope).Synthesizer)))
    {
    }

    /// <summary>For <see cref="SpotOrgStack"/>: resolved once already, from the stack's props.</summary>
    internal SpotOrgStackSets(Construct scope, string id, ISpotOrgStackSetsProps props, SpotOrgSpec spec)
        : base(scope, id)
    {
        Spec = spec;
        var removal = props.RemovalPolicy;
        var member = OrgMemberTemplate.Synthesize(this, spec.Link, removal);
        SpotLinkStack.AddPartitionRule(this, spec.Link.Partition);

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
                CallAs = spec.CallAs.ToText(),
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
            SetTemplate(resource, stackSet, template, spec);
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
                        AssertDescription = $"This stack administers the StackSets as the management account ({OrgCallAs.Self.ToText()}) and holds its own Spot role: deploy it in the management account {management.AwsAccountId}.",
                    },
                ],
            });
            Link = new SpotLink(this, "SpotLink", spec.Link with { ExternalId = management.ExternalId }, removal);
            RoleArnOutput = new CfnOutput(this, "SpotRoleArn", new CfnOutputProps
            {
                Value = Link.Role.RoleArn,
                Description = "The management account's role, which Spot must be given (connect account > IAM Role ARN).",
            });
        }
    }

    /// <summary>The validated rollout: the state with every deployable account placed, the StackSets, the capacity.</summary>
    public SpotOrgSpec Spec { get; }

    /// <summary>The StackSets, in the state's order.</summary>
    public IReadOnlyList<CfnStackSet> StackSets { get; }

    /// <summary>The management account's own role and policies (StackSets never deploy to it), when it administers the StackSets; otherwise <see langword="null"/>.</summary>
    public SpotLink? Link { get; }

    /// <summary>The management account's <c>SpotRoleArn</c> output, when <see cref="Link"/> is present.</summary>
    public CfnOutput? RoleArnOutput { get; }

    /// <summary>Checks the props once (tokens are left to CloudFormation), every problem at once, named as the props name them.</summary>
    internal static SpotOrgSpec Resolve(ISpotOrgStackSetsProps props, bool bootstrapped)
    {
        ArgumentNullException.ThrowIfNull(props);
        try
        {
            return SpotOrgSpec.Resolve(props, props, bootstrapped, Token.IsUnresolved);
        }
        catch (SpotConnectValidationException e)
        {
            throw PropsNames.Of(e);
        }
    }

    /// <summary>Inline when the member template fits 51,200 bytes; from S3 (an asset) when the admin account is bootstrapped and it fits 460,800.</summary>
    private void SetTemplate(CfnStackSet resource, OrgStackSet stackSet, string template, SpotOrgSpec spec)
    {
        var bytes = Encoding.UTF8.GetByteCount(template);
        if (bytes <= OrgLimits.InlineTemplateBytes)
        {
            resource.TemplateBody = template;
            return;
        }

        if (!spec.Bootstrapped || bytes > OrgLimits.TemplateUrlBytes)
        {
            throw PropsNames.Of(new SpotConnectValidationException(SpotSettings.Bootstrapped.Problem(spec.Bootstrapped ? "true" : "false",
                $"the member template of StackSet {stackSet.Name} ({stackSet.Accounts.Count:N0} accounts) is {bytes:N0} bytes, over the {(spec.Bootstrapped ? OrgLimits.TemplateUrlBytes : OrgLimits.InlineTemplateBytes):N0} bytes CloudFormation accepts" +
                (spec.Bootstrapped
                    ? $" for a StackSet template in S3. Its accounts were placed with a tenth of the limit kept free for later growth; the role and policies now need more than that. Accounts never move between StackSets (moving would delete their roles), so go back to a smaller selection or fewer least-privilege grants, or move the rollout to a new state file and StackSets deliberately."
                    : $" inline. Run `cdk bootstrap` in the admin account and set {SpotSettings.Bootstrapped.ReferenceTo("true")}."))));
        }

        // Written into this synthesis's own cloud assembly directory (never a shared path another process or user could
        // have planted a template in, and nothing left in the temp directory); the CDK stages it as an asset from there,
        // hashed by content, so the asset is the same on every synthesis.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template)));
        var file = Path.Combine(Stage.Of(this)?.Outdir ?? throw new InvalidOperationException("SpotOrgStackSets must be inside a CDK app or stage."), "spotconnect-member-templates", $"{hash}.template.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        IO.AtomicFile.WriteAllText(file, template);

        var asset = new Asset(this, stackSet.Name + "Template", new AssetProps { Path = file });
        resource.TemplateUrl = asset.HttpUrl;
    }
}
