namespace SpotConnect.Policies;

/// <summary>How <see cref="PolicyBuilder"/> names and sizes the managed policies.</summary>
public sealed record PolicyPlanOptions
{
    /// <summary>IAM's limit on a customer managed policy document, in non-whitespace characters.</summary>
    public const int IamManagedPolicySizeLimit = 6144;

    /// <summary>The default name of the first managed policy, as in Spot's console.</summary>
    public const string DefaultPolicyName = "Spot-Policy";

    /// <summary>The default role quota of attached managed policies.</summary>
    public const int DefaultMaxManagedPolicies = 10;

    /// <summary>The highest quota AWS grants for managed policies per role.</summary>
    public const int HighestMaxManagedPolicies = 20;

    /// <summary>Name of the first managed policy; more are <c>&lt;name&gt;-2</c>, <c>&lt;name&gt;-3</c>, …</summary>
    /// <remarks>Default: <c>Spot-Policy</c>.</remarks>
    public string PolicyName { get; init; } = DefaultPolicyName;

    /// <summary>The most managed policies the role may have attached, AWS managed ones included.</summary>
    /// <remarks>Default: 10 (IAM's default quota; it can be raised to 20).</remarks>
    public int MaxManagedPolicies { get; init; } = DefaultMaxManagedPolicies;

    /// <summary>The size limit of one managed policy document.</summary>
    /// <remarks>Default: 6,144 (IAM's hard limit). Lower it only to leave head room.</remarks>
    public int SizeLimit { get; init; } = IamManagedPolicySizeLimit;

    /// <summary>The field of a problem with the selection (a bundle too large for one policy).</summary>
    public const string SelectionInput = "selection";

    /// <summary>The field of a problem with <see cref="MaxManagedPolicies"/> (the selection needs more policies).</summary>
    public const string MaxManagedPoliciesInput = "maxManagedPolicies";

    /// <summary>The field of a problem with the extra grants of <see cref="PolicyRestrictions"/> (KMS keys, log bucket).</summary>
    public const string ExtraGrantsInput = "restrictions";

    /// <summary>The least-privilege restrictions and extra grants applied to the statements.</summary>
    /// <remarks>Default: <see cref="PolicyRestrictions.None"/> (Spot's published statements as they are).</remarks>
    public PolicyRestrictions Restrictions { get; init; } = PolicyRestrictions.None;

    /// <summary>Tells which values are resolved only at deploy time (CDK tokens), e.g. a KMS key ARN from another construct.</summary>
    /// <remarks>Default: none is. Such a resource is counted as <see cref="DeployTimeResourceAllowance"/> characters, since its text is not its length.</remarks>
    public Func<string, bool>? IsDeployTime { get; init; }

    /// <summary>Characters counted for a resource known only at deploy time: more than any KMS key or bucket ARN takes.</summary>
    public const int DeployTimeResourceAllowance = 256;

    /// <summary>The name of the <paramref name="index"/>-th (0-based) managed policy.</summary>
    public string NameOf(int index) => index == 0 ? PolicyName : $"{PolicyName}-{index + 1}";
}
