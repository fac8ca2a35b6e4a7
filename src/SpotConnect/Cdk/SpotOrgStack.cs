using Amazon.CDK;
using Constructs;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cdk;

/// <summary>
/// A stack that connects every account of an AWS Organization to Spot from its management account (or a delegated
/// administrator): a <see cref="SpotOrgStackSets"/> and nothing else.
/// </summary>
/// <remarks>
/// Unless set otherwise in the props: deploys without <c>cdk bootstrap</c> (the <see cref="StackProps.Synthesizer"/> is
/// CDK's <see cref="LegacyStackSynthesizer"/>; give <see cref="DefaultStackSynthesizer"/> for a bootstrapped admin account,
/// which member templates over 51,200 bytes need), and without CDK's analytics metadata resource. See docs/organizations.md.
/// </remarks>
/// <example>
/// <code>
/// new SpotOrgStack(app, "SpotOrgStack", new SpotOrgStackProps
/// {
///     State = OrgState.Load("spot-org.json"),
///     Bundles = BundleSelection.Parse("ocean,ocean.eks"),
///     Synthesizer = new DefaultStackSynthesizer(),
/// });
/// </code>
/// </example>
public sealed class SpotOrgStack : Stack
{
    /// <summary>The default stack name.</summary>
    public const string DefaultStackName = SpotSettings.DefaultOrgStackName;

    private const string StackDescription = "Connects an AWS Organization's accounts to Spot (Elastigroup, Ocean) through CloudFormation StackSets. Managed by SpotConnect.";

    /// <summary>Creates the stack; validates every property, the state and every limit first and throws with every problem found, named as the props name them.</summary>
    /// <exception cref="SpotConnectValidationException">A property, the state or a CloudFormation limit is violated.</exception>
    public SpotOrgStack(Construct scope, string id, ISpotOrgStackProps props)
        : this(scope, id, props, Resolve(props))
    {
    }

    /// <summary>The rollout's checks (<see cref="SpotOrgStackSets"/>) and the stack name's, every problem at once, named as the props name them.</summary>
    private static SpotOrgSpec Resolve(ISpotOrgStackProps props)
    {
        var stackName = StackRules.StackName(props?.StackName, Token.IsUnresolved);
        SpotOrgSpec? spec = null;
        IReadOnlyList<ValidationProblem> problems = [];
        try
        {
            spec = SpotOrgStackSets.Resolve(props!, SpotLinkStack.IsBootstrapped(props!.Synthesizer));
        }
        catch (SpotConnectValidationException e)
        {
            problems = e.Problems;
        }

        if (stackName is not null)
        {
            problems = [.. problems, stackName];
        }

        return problems.Count == 0 ? spec! : throw PropsNames.Of(new SpotConnectValidationException(problems));
    }

    private SpotOrgStack(Construct scope, string id, ISpotOrgStackProps props, SpotOrgSpec spec)
        : base(scope, id, SpotLinkStack.ToStackProps(props, StackDescription, legacyWhenUnset: true))
    {
        // "Default" is left out of logical ids: the resources keep the ids they had when they sat on the stack itself.
        Rollout = new SpotOrgStackSets(this, "Default", props, spec);
        StackMetadata.Record(this, spec.Fingerprint(StackMetadata.Retained(props.RemovalPolicy)));
    }

    /// <summary>The organization rollout this stack holds.</summary>
    public SpotOrgStackSets Rollout { get; }

    /// <summary>The validated rollout: the state with every deployable account placed, the StackSets, the capacity.</summary>
    public SpotOrgSpec Spec => Rollout.Spec;

    /// <summary>The StackSets, in the state's order.</summary>
    public IReadOnlyList<CfnStackSet> StackSets => Rollout.StackSets;

    /// <summary>The management account's own role and policies, when it administers the StackSets; otherwise <see langword="null"/>.</summary>
    public SpotLink? Link => Rollout.Link;

    /// <summary>The management account's <c>SpotRoleArn</c> output, when <see cref="Link"/> is present.</summary>
    public CfnOutput? RoleArnOutput => Rollout.RoleArnOutput;
}
