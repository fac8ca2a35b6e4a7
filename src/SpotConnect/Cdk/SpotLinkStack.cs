using System.Reflection;
using Amazon.CDK.AWS.IAM;
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
/// Unless set otherwise in the props: deploys without <c>cdk bootstrap</c> (the <see cref="StackProps.Synthesizer"/> is
/// CDK's <see cref="LegacyStackSynthesizer"/>; give <see cref="DefaultStackSynthesizer"/> for a bootstrapped account),
/// and without CDK's analytics metadata resource (<see cref="StackProps.AnalyticsReporting"/> defaults to
/// <see langword="false"/>), so the template holds only what connects Spot.
/// </remarks>
/// <example>
/// <code>
/// var app = new App();
/// new SpotLinkStack(app, "SpotLinkStack", new SpotLinkStackProps
/// {
///     ExternalId = externalId,
///     Bundles = BundleSelection.Parse("ocean,ocean.eks"),
/// });
/// app.Synth();
/// </code>
/// </example>
public sealed class SpotLinkStack : Stack
{
    /// <summary>The default stack name.</summary>
    public const string DefaultStackName = SpotSettings.DefaultStackName;

    /// <summary>Creates the stack; validates every property first and throws with every problem found, named as the props name them.</summary>
    /// <exception cref="SpotConnectValidationException">A property is invalid.</exception>
    public SpotLinkStack(Construct scope, string id, ISpotLinkStackProps? props = null)
        : this(scope, id, props ?? new SpotLinkStackProps(), Resolve(props ?? new SpotLinkStackProps()))
    {
    }

    private SpotLinkStack(Construct scope, string id, ISpotLinkStackProps props, SpotLinkSpec spec)
        : this(scope, id, ToStackProps(props, StackDescription, legacyWhenUnset: true), spec, props.RemovalPolicy)
    {
    }

    /// <summary>For <see cref="SpotLinkStage"/> and SpotOrgStackSets' member template: the link was resolved once already, the stack's props made final (<see cref="ToStackProps"/>).</summary>
    internal SpotLinkStack(Construct scope, string id, StackProps props, SpotLinkSpec spec, RemovalPolicy? removalPolicy)
        : base(scope, id, props)
    {
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

        StackMetadata.Record(this, spec.Fingerprint(StackMetadata.Retained(removalPolicy)));
        Spec = spec with { ExternalId = externalId };
        Link = new SpotLink(this, "SpotLink", Spec, removalPolicy);
        foreach (var (key, value) in spec.Tags)
        {
            Amazon.CDK.Tags.Of(this).Add(key, value);
        }

        AddPartitionRule(this, spec.Partition);

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

    /// <summary>
    /// Checks the props once, every problem at once, named as the props name them (tokens are left to CloudFormation),
    /// including the stack name and the inline template limit of an account that is not bootstrapped.
    /// </summary>
    private static SpotLinkSpec Resolve(ISpotLinkStackProps props)
    {
        var problems = new List<ValidationProblem>();
        var spec = SpotLinkSpec.TryResolve(props, problems, Token.IsUnresolved);
        if (StackRules.StackName(props.StackName, Token.IsUnresolved) is { } stackName)
        {
            problems.Add(stackName);
        }

        if (spec is not null && CheckInlineSize(spec, IsBootstrapped(props.Synthesizer)) is { } size)
        {
            problems.Add(size);
        }

        return problems.Count == 0 ? spec! : throw PropsNames.Of(new SpotConnectValidationException(problems));
    }

    /// <summary>
    /// Without bootstrap the CDK CLI sends the template inline (as YAML), which CloudFormation takes up to 51,200 bytes:
    /// the problem when <paramref name="spec"/>'s template may be larger, else <see langword="null"/>.
    /// </summary>
    internal static ValidationProblem? CheckInlineSize(SpotLinkSpec spec, bool bootstrapped)
    {
        var cliSize = Org.OrgLimits.CdkCliTemplateSize(spec.EstimatedTemplateBytes);
        return bootstrapped || cliSize <= Org.OrgLimits.InlineTemplateBytes
            ? null
            : SpotSettings.Bootstrapped.Problem("false",
                $"the template for this selection and these settings is up to {cliSize:N0} bytes as the CDK CLI sends it, over the {Org.OrgLimits.InlineTemplateBytes:N0} bytes CloudFormation accepts inline from an account that is not bootstrapped. Run `cdk bootstrap` in the account and set {SpotSettings.Bootstrapped.ReferenceTo("true")} (the template then goes through the bootstrap bucket), or grant less (fewer bundles, KMS keys or regions).",
                ["true"]);
    }

    /// <summary>
    /// Adds the CloudFormation <c>Rules</c> assertion that refuses deployment into a partition other than <paramref name="partition"/>.
    /// Its text is the same whoever synthesized the stack (the app, a user's app, a stage): no entry point's words reach a template.
    /// </summary>
    internal static void AddPartitionRule(Construct scope, Policies.SpotPartition partition) =>
        _ = new CfnRule(scope, "PartitionRule", new CfnRuleProps
        {
            Assertions =
            [
                new CfnRuleAssertion
                {
                    Assert = Fn.ConditionEquals(Aws.PARTITION, partition.Name),
                    AssertDescription =
                        $"This template was synthesized for partition '{partition.Name}' and cannot be deployed into another partition. " +
                        $"Synthesize it again for the target partition ({string.Join(", ", Policies.SpotPartition.All.Select(p => p.Name))}); outside 'aws', also with the Spot AWS account to trust there.",
                },
            ],
        });

    /// <summary>
    /// The props for <see cref="Stack"/>: every <see cref="IStackProps"/> property as the caller set it (copied by
    /// reflection, so a property a CDK upgrade adds is passed through too), then SpotConnect's defaults where
    /// unset. The caller's object is not changed.
    /// </summary>
    /// <param name="props">The caller's stack props.</param>
    /// <param name="description">The stack's description unless the props give one.</param>
    /// <param name="legacyWhenUnset">
    /// Whether a stack without a synthesizer gets CDK's <see cref="LegacyStackSynthesizer"/> (deployable into an account never
    /// bootstrapped), as SpotLinkStack and SpotOrgStack do; otherwise it gets the app's or stage's default, as in a pipeline's stage.
    /// </param>
    internal static StackProps ToStackProps(IStackProps props, string description, bool legacyWhenUnset)
    {
        var result = new StackProps();
        foreach (var (from, to) in StackPropsProperties)
        {
            to.SetValue(result, from.GetValue(props));
        }

        // Not bootstrapped: CDK's LegacyStackSynthesizer deploys with the caller's own credentials and writes no
        // deploy-role ARNs, no bootstrap-version rule and no assets into the assembly (checked by the tests; its
        // manifest is byte-identical to the hand-written synthesizer this replaced). BootstraplessSynthesizer
        // would still name the bootstrap deploy role, which a never-bootstrapped account does not have.
        result.Synthesizer ??= legacyWhenUnset ? new LegacyStackSynthesizer() : null;
        result.AnalyticsReporting ??= false;
        result.Description ??= description;
        return result;
    }

    /// <summary>Whether a stack with <paramref name="synthesizer"/> deploys through the account's bootstrap resources (unset: SpotConnect's stacks use <see cref="LegacyStackSynthesizer"/>, which does not).</summary>
    internal static bool IsBootstrapped(IStackSynthesizer? synthesizer) =>
        synthesizer is not null and not LegacyStackSynthesizer and not BootstraplessSynthesizer;

    /// <summary>The properties <see cref="IStackProps"/> declares, each with the <see cref="StackProps"/> property it is set through.</summary>
    internal static IReadOnlyList<(PropertyInfo From, PropertyInfo To)> StackPropsProperties { get; } = typeof(IStackProps)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
        .Select(p => (p, typeof(StackProps).GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance)!))
        .Where(p => p.Item2 is { CanWrite: true })
        .ToArray();
}
