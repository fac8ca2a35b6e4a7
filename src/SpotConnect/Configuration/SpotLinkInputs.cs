using SpotConnect.Policies;
using SpotConnect.Selection;

namespace SpotConnect.Configuration;

/// <summary>The raw, not yet validated inputs of a Spot link; <see langword="null"/> means "use the default".</summary>
/// <param name="ExternalId">The external id, or <see langword="null"/> to take it at deploy time.</param>
/// <param name="ExternalIdResolvedAtDeploy">Whether <paramref name="ExternalId"/> is a deploy-time value (a CDK token) that cannot be checked now.</param>
/// <param name="Bundles">The selection.</param>
/// <param name="Partition">The partition.</param>
/// <param name="PrincipalAccountId">The trusted Spot account.</param>
/// <param name="RoleName">The role name.</param>
/// <param name="PolicyName">The first policy's name.</param>
/// <param name="MaxManagedPolicies">The role's managed-policy quota.</param>
public sealed record SpotLinkInputs(
    string? ExternalId = null,
    bool ExternalIdResolvedAtDeploy = false,
    BundleSelection? Bundles = null,
    SpotPartition? Partition = null,
    string? PrincipalAccountId = null,
    string? RoleName = null,
    string? PolicyName = null,
    int? MaxManagedPolicies = null);
