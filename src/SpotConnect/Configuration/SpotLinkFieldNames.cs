namespace SpotConnect.Configuration;

/// <summary>The names users know SpotConnect's inputs by, so every message names the field they set.</summary>
public sealed record SpotLinkFieldNames(
    string ExternalId,
    string Bundles,
    string RoleName,
    string PolicyName,
    string StackName,
    string Partition,
    string PrincipalAccountId,
    string MaxManagedPolicies,
    string Bootstrapped,
    string RetainOnDelete)
{
    /// <summary>Property names of <c>SpotLinkProps</c> and <c>SpotLinkStackProps</c>.</summary>
    public static SpotLinkFieldNames Props { get; } = new(
        "ExternalId", "Bundles", "RoleName", "PolicyName", "StackName", "Partition", "PrincipalAccountId", "MaxManagedPolicies", "Bootstrapped", "RetainOnDelete");

    /// <summary>CDK context keys of the app.</summary>
    public static SpotLinkFieldNames Context { get; } = new(
        ContextKeys.ExternalId, ContextKeys.Bundles, ContextKeys.RoleName, ContextKeys.PolicyName, ContextKeys.StackName,
        ContextKeys.Partition, ContextKeys.PrincipalAccountId, ContextKeys.MaxManagedPolicies, ContextKeys.Bootstrapped, ContextKeys.RetainOnDelete);
}
