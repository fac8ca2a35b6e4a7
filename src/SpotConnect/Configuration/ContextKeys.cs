namespace SpotConnect.Configuration;

/// <summary>The CDK context keys the SpotConnect app reads, and their environment-variable fallbacks.</summary>
public static class ContextKeys
{
    /// <summary>The external id from the Spot console.</summary>
    public const string ExternalId = "spot:externalId";

    /// <summary>The bundle selection.</summary>
    public const string Bundles = "spot:bundles";

    /// <summary>The IAM role name.</summary>
    public const string RoleName = "spot:roleName";

    /// <summary>The first managed policy's name.</summary>
    public const string PolicyName = "spot:policyName";

    /// <summary>The CloudFormation stack name and construct id.</summary>
    public const string StackName = "spot:stackName";

    /// <summary>The AWS partition.</summary>
    public const string Partition = "spot:partition";

    /// <summary>The Spot AWS account trusted by the role.</summary>
    public const string PrincipalAccountId = "spot:principalAccountId";

    /// <summary>The role's managed-policy quota.</summary>
    public const string MaxManagedPolicies = "spot:maxManagedPolicies";

    /// <summary>Whether the target account is bootstrapped (default synthesizer) or not.</summary>
    public const string Bootstrapped = "spot:bootstrapped";

    /// <summary>Whether the role and policies outlive the stack (retained on delete).</summary>
    public const string RetainOnDelete = "spot:retainOnDelete";

    /// <summary>Environment variable fallbacks, by context key.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentFallbacks { get; } = new Dictionary<string, string>
    {
        [ExternalId] = "SPOT_EXTERNAL_ID",
        [Bundles] = "SPOT_BUNDLES",
        [RoleName] = "SPOT_ROLE_NAME",
        [PolicyName] = "SPOT_POLICY_NAME",
        [StackName] = "SPOT_STACK_NAME",
        [Partition] = "SPOT_PARTITION",
        [PrincipalAccountId] = "SPOT_PRINCIPAL_ACCOUNT_ID",
    };

    /// <summary>Every key the app reads.</summary>
    public static IReadOnlyList<string> All { get; } =
        [ExternalId, Bundles, RoleName, PolicyName, StackName, Partition, PrincipalAccountId, MaxManagedPolicies, Bootstrapped, RetainOnDelete];
}
