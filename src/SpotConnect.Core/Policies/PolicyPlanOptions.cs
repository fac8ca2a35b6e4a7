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

    /// <summary>The name the user knows the bundle selection by, for error messages.</summary>
    /// <remarks>Default: <c>bundles</c>.</remarks>
    public string BundlesField { get; init; } = "bundles";

    /// <summary>The name the user knows the policy quota by, for error messages.</summary>
    /// <remarks>Default: <c>maxManagedPolicies</c>.</remarks>
    public string MaxManagedPoliciesField { get; init; } = "maxManagedPolicies";

    /// <summary>The least-privilege restrictions and extra grants applied to the statements.</summary>
    /// <remarks>Default: <see cref="PolicyRestrictions.None"/> (Spot's published statements as they are).</remarks>
    public PolicyRestrictions Restrictions { get; init; } = PolicyRestrictions.None;

    /// <summary>Tells which values are resolved only at deploy time (CDK tokens), e.g. a KMS key ARN from another construct.</summary>
    /// <remarks>Default: none is. Such a resource is counted as <see cref="DeployTimeResourceAllowance"/> characters, since its text is not its length.</remarks>
    public Func<string, bool>? IsDeployTime { get; init; }

    /// <summary>Characters counted for a resource known only at deploy time: more than any KMS key or bucket ARN takes.</summary>
    public const int DeployTimeResourceAllowance = 256;

    /// <summary>The name the user knows the extra grants by, for error messages.</summary>
    /// <remarks>Default: <c>kmsKeyArns/logBucket</c>.</remarks>
    public string ExtraGrantsField { get; init; } = "kmsKeyArns/logBucket";

    /// <summary>The name of the <paramref name="index"/>-th (0-based) managed policy.</summary>
    public string NameOf(int index) => index == 0 ? PolicyName : $"{PolicyName}-{index + 1}";
}
