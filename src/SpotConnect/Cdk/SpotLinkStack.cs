using System.Reflection;
using Amazon.CDK;
using Constructs;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cdk;

/// <summary>
/// A stack that connects one AWS account to Spot, like Spot's <c>spotinst-iam-stack</c>: the role
/// <c>Spot-Role</c>, the managed policies for the selected bundles, a rule that refuses deployment into
/// another partition, and the outputs to paste into Spot (<c>SpotRoleArn</c>).
/// </summary>
/// <remarks>
/// Unless set otherwise in the props: deploys without <c>cdk bootstrap</c> (CDK's <see cref="LegacyStackSynthesizer"/>),
/// and without CDK's analytics metadata resource (<see cref="StackProps.AnalyticsReporting"/> defaults to
/// <see langword="false"/>), so the template holds only what connects Spot.
/// </remarks>
/// <example>
/// <code>
/// var app = new App();
/// new SpotLinkStack(app, "SpotLinkStack", new SpotLinkStackProps
/// {
///     Link = new SpotLinkProps { ExternalId = externalId, Bundles = BundleSelection.Parse("ocean,ocean.eks") },
/// });
/// app.Synth();
/// </code>
/// </example>
public sealed class SpotLinkStack : Stack
{
    /// <summary>The default stack name.</summary>
    public const string DefaultStackName = SpotSettings.DefaultStackName;

    private static readonly FieldNames LinkProps = new(SettingSurface.Props, "Link.", new Dictionary<Setting, string> { [SpotSettings.Bootstrapped] = nameof(SpotLinkStackProps.Bootstrapped) });

    /// <summary>Creates the stack; validates every property first and throws with every problem found.</summary>
    /// <exception cref="SpotConnectValidationException">A property is invalid.</exception>
    public SpotLinkStack(Construct scope, string id, SpotLinkStackProps? props = null)
        : this(scope, id, props ?? new SpotLinkStackProps(), LinkProps, bootstrappedByDefault: false)
    {
    }

    /// <summary>For <see cref="SpotLinkStage"/>: as the public constructor, with its own names for the props and another default for <see cref="SpotLinkStackProps.Bootstrapped"/>.</summary>
    internal SpotLinkStack(Construct scope, string id, SpotLinkStackProps props, FieldNames names, bool bootstrappedByDefault)
        : this(scope, id, props, SpotLink.Resolve(props.Link ?? new SpotLinkProps(), names, requireExternalId: false), names, props.Bootstrapped ?? bootstrappedByDefault)
    {
    }

    /// <summary>For the SpotConnect app: the link was checked once already (<paramref name="spec"/>), and messages name context keys.</summary>
    internal SpotLinkStack(Construct scope, string id, SpotLinkStackProps props, SpotLinkSpec spec)
        : this(scope, id, props, spec, FieldNames.Context, props.Bootstrapped ?? false)
    {
    }

    /// <summary>For SpotOrgStack's member template: the link was checked once already, and messages name settings as <paramref name="names"/> says.</summary>
    internal SpotLinkStack(Construct scope, string id, SpotLinkStackProps props, SpotLinkSpec spec, FieldNames names)
        : this(scope, id, props, spec, names, props.Bootstrapped ?? false)
    {
    }

    private SpotLinkStack(Construct scope, string id, SpotLinkStackProps props, SpotLinkSpec spec, FieldNames names, bool bootstrapped)
        : base(scope, id, ToStackProps(props, bootstrapped, StackDescription))
    {
        // Without bootstrap the CDK CLI sends the template inline (as YAML), which CloudFormation takes up to 51,200 bytes.
        var cliSize = Org.OrgLimits.CdkCliTemplateSize(spec.EstimatedTemplateBytes);
        if (!bootstrapped && cliSize > Org.OrgLimits.InlineTemplateBytes)
        {
            var bootstrappedName = names.Of(SpotSettings.Bootstrapped);
            throw new SpotConnectValidationException(new ValidationProblem(bootstrappedName, "false",
                $"the template for this selection and these settings is up to {cliSize:N0} bytes as the CDK CLI sends it, over the {Org.OrgLimits.InlineTemplateBytes:N0} bytes CloudFormation accepts inline from an account that is not bootstrapped. Run `cdk bootstrap` in the account and set {bootstrappedName}=true (the template then goes through the bootstrap bucket), or grant less (fewer bundles, KMS keys or regions).",
                ["true"]));
        }

        var externalId = spec.ExternalId;
        if (externalId is null)
        {
            ExternalIdParameter = new CfnParameter(this, "ExternalId", new CfnParameterProps
            {
                Type = "String",
                Description = "The external id the Spot console shows when you connect this AWS account with an IAM role.",
                MinLength = InputRules.ExternalIdMinLength,
                MaxLength = InputRules.ExternalIdMaxLength,
                AllowedPattern = InputRules.ExternalIdPattern,
                ConstraintDescription = $"{InputRules.ExternalIdMinLength}-{InputRules.ExternalIdMaxLength} characters of letters, digits and _+=,.@:/-",
            });
            externalId = ExternalIdParameter.ValueAsString;
        }

        Spec = spec with { ExternalId = externalId };
        Link = new SpotLink(this, "SpotLink", Spec, props.Link?.RemovalPolicy);
        foreach (var (key, value) in spec.Tags)
        {
            Amazon.CDK.Tags.Of(this).Add(key, value);
        }

        AddPartitionRule(this, spec.Partition, names);

        RoleArnOutput = new CfnOutput(this, "SpotRoleArn", new CfnOutputProps
        {
            Value = Link.Role.RoleArn,
            Description = "Paste into Spot (connect account > IAM Role ARN).",
        });
        _ = new CfnOutput(this, "SpotRoleName", new CfnOutputProps { Value = Link.Role.RoleName, Description = "The role Spot assumes." });
        _ = new CfnOutput(this, "SpotExternalId", new CfnOutputProps { Value = externalId, Description = "The external id the role requires." });
        _ = new CfnOutput(this, "SpotPolicyArns", new CfnOutputProps
        {
            Value = Fn.Join(",", Link.ManagedPolicies.Select(p => p.ManagedPolicyArn).ToArray()),
            Description = "The customer managed policies attached to the role, in order.",
        });
    }

    /// <summary>The stack's description unless the props give one.</summary>
    internal const string StackDescription = "Connects this AWS account to Spot (Elastigroup, Ocean): cross-account role and permission policies. Managed by SpotConnect.";

    /// <summary>The validated inputs and the policy plan.</summary>
    public SpotLinkSpec Spec { get; }

    /// <summary>The role and policies.</summary>
    public SpotLink Link { get; }

    /// <summary>The <c>SpotRoleArn</c> output (e.g. for a CDK Pipelines step's <c>EnvFromCfnOutputs</c>).</summary>
    public CfnOutput RoleArnOutput { get; }

    /// <summary>The <c>ExternalId</c> parameter, when no external id was given at synthesis.</summary>
    public CfnParameter? ExternalIdParameter { get; }

    /// <summary>Adds the CloudFormation <c>Rules</c> assertion that refuses deployment into a partition other than <paramref name="partition"/>.</summary>
    internal static void AddPartitionRule(Stack stack, Policies.SpotPartition partition, FieldNames names) =>
        _ = new CfnRule(stack, "PartitionRule", new CfnRuleProps
        {
            Assertions =
            [
                new CfnRuleAssertion
                {
                    Assert = Fn.ConditionEquals(Aws.PARTITION, partition.Name),
                    AssertDescription =
                        $"This template was synthesized for partition '{partition.Name}' and cannot be deployed into another partition. " +
                        ResynthesizeAdvice(names),
                },
            ],
        });

    /// <summary>How to synthesize for another partition, in the words of the surface the settings came from.</summary>
    private static string ResynthesizeAdvice(FieldNames names)
    {
        var partition = names.Of(SpotSettings.Partition);
        var principal = names.Of(SpotSettings.PrincipalAccountId);
        var choices = string.Join('|', SpotSettings.Partition.Choices!);
        return names.Surface == SettingSurface.Context
            ? $"Synthesize it again for the target partition: cdk synth -c {partition}=<{choices}> (outside 'aws' also -c {principal}=<Spot's account there>)."
            : $"Synthesize it again with {partition} set to the target partition, <{choices}> (outside 'aws' also {principal}: Spot's account there).";
    }

    /// <summary>
    /// The props for <see cref="Stack"/>: every <see cref="StackProps"/> property as the caller set it (copied by
    /// reflection, so a property a CDK upgrade adds is passed through too), then SpotConnect's defaults where
    /// unset. The caller's object is not changed.
    /// </summary>
    internal static StackProps ToStackProps(StackProps props, bool bootstrapped, string description)
    {
        var result = new StackProps();
        foreach (var property in StackPropsProperties)
        {
            property.SetValue(result, property.GetValue(props));
        }

        // Not bootstrapped: CDK's LegacyStackSynthesizer deploys with the caller's own credentials and writes no
        // deploy-role ARNs, no bootstrap-version rule and no assets into the assembly (checked by the tests; its
        // manifest is byte-identical to the hand-written synthesizer this replaced). BootstraplessSynthesizer
        // would still name the bootstrap deploy role, which a never-bootstrapped account does not have.
        result.Synthesizer ??= bootstrapped ? null : new LegacyStackSynthesizer();
        result.AnalyticsReporting ??= false;
        result.Description ??= description;
        return result;
    }

    /// <summary>The settable properties <see cref="StackProps"/> declares.</summary>
    internal static IReadOnlyList<PropertyInfo> StackPropsProperties { get; } = typeof(StackProps)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p is { CanRead: true, CanWrite: true } && p.GetIndexParameters().Length == 0)
        .ToArray();
}
