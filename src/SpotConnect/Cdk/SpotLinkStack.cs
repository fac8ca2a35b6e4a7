using Amazon.CDK;
using Constructs;
using SpotConnect.Configuration;
using SpotConnect.Validation;

namespace SpotConnect.Cdk;

/// <summary>
/// A stack that connects one AWS account to Spot, like Spot's <c>spotinst-iam-stack</c>: the role
/// <c>Spot-Role</c>, the managed policies for the selected bundles, a rule that refuses deployment into
/// another partition, and the outputs to paste into Spot (<c>SpotRoleArn</c>).
/// </summary>
/// <remarks>
/// Unless set otherwise in the props: deploys without <c>cdk bootstrap</c> (<see cref="NoBootstrapSynthesizer"/>),
/// and without CDK's analytics metadata resource (<see cref="StackProps.AnalyticsReporting"/> defaults to
/// <see langword="false"/>), so the template holds only what connects Spot.
/// </remarks>
public sealed class SpotLinkStack : Stack
{
    /// <summary>The default stack name.</summary>
    public const string DefaultStackName = "SpotLinkStack";

    /// <summary>Creates the stack; validates every property first and throws with every problem found.</summary>
    /// <exception cref="SpotConnectValidationException">A property is invalid.</exception>
    public SpotLinkStack(Construct scope, string id, SpotLinkStackProps? props = null)
        : this(scope, id, props ?? new SpotLinkStackProps(), bootstrappedByDefault: false)
    {
    }

    /// <summary>For <see cref="SpotLinkStage"/>: as the public constructor, with another default for <see cref="SpotLinkStackProps.Bootstrapped"/>.</summary>
    internal SpotLinkStack(Construct scope, string id, SpotLinkStackProps props, bool bootstrappedByDefault)
        : this(scope, id, props, Resolve(props), props.Bootstrapped ?? bootstrappedByDefault)
    {
    }

    private SpotLinkStack(Construct scope, string id, SpotLinkStackProps props, SpotLinkSpec spec, bool bootstrapped)
        : base(scope, id, WithDefaults(props, bootstrapped))
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

        Spec = spec with { ExternalId = externalId };
        Link = new SpotLink(this, "SpotLink", Spec, props.RetainOnDelete == true ? RemovalPolicy.RETAIN : null);

        _ = new CfnRule(this, "PartitionRule", new CfnRuleProps
        {
            Assertions =
            [
                new CfnRuleAssertion
                {
                    Assert = Fn.ConditionEquals(Aws.PARTITION, spec.Partition.Name),
                    AssertDescription =
                        $"This template was synthesized for partition '{spec.Partition.Name}' and cannot be deployed into another partition. " +
                        "Synthesize it again for the target partition: cdk synth -c spot:partition=<aws|aws-us-gov|aws-cn> " +
                        "(outside 'aws' also -c spot:principalAccountId=<Spot's account there>).",
                },
            ],
        });

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

    /// <summary>The validated inputs and the policy plan.</summary>
    public SpotLinkSpec Spec { get; }

    /// <summary>The role and policies.</summary>
    public SpotLink Link { get; }

    /// <summary>The <c>SpotRoleArn</c> output (e.g. for a CDK Pipelines step's <c>EnvFromCfnOutputs</c>).</summary>
    public CfnOutput RoleArnOutput { get; }

    /// <summary>The <c>ExternalId</c> parameter, when no external id was given at synthesis.</summary>
    public CfnParameter? ExternalIdParameter { get; }

    private static SpotLinkSpec Resolve(SpotLinkStackProps props) =>
        SpotLink.Resolve(props.ExternalId, props.Bundles, props.Partition, props.PrincipalAccountId, props.RoleName, props.PolicyName, props.MaxManagedPolicies);

    /// <summary>The stack-level props to pass to <see cref="Stack"/>, defaults applied; the caller's object is not changed.</summary>
    private static StackProps WithDefaults(SpotLinkStackProps props, bool bootstrapped) => new()
    {
        Env = props.Env,
        StackName = props.StackName,
        Tags = props.Tags,
        TerminationProtection = props.TerminationProtection,
        CrossRegionReferences = props.CrossRegionReferences,
        PermissionsBoundary = props.PermissionsBoundary,
        SuppressTemplateIndentation = props.SuppressTemplateIndentation,
        Synthesizer = props.Synthesizer ?? (bootstrapped ? null : new NoBootstrapSynthesizer()),
        AnalyticsReporting = props.AnalyticsReporting ?? false,
        Description = props.Description
            ?? "Connects this AWS account to Spot (Elastigroup, Ocean): cross-account role and permission policies. Managed by SpotConnect.",
    };
}
