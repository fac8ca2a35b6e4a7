namespace SpotConnect.Plan;

/// <summary>
/// What the last successful deploy of a link (<c>link deploy</c>) deployed, recorded in its state for <c>link plan</c>
/// and for the guard that refuses a silent role replacement. Written only after the CDK deploy succeeded; a state
/// written before it was recorded has none (plans as a first deploy).
/// </summary>
public sealed record LinkDeployRecord
{
    /// <summary>The effective value of every setting deployed, as text, by context key (<c>spot:bundles</c> → <c>default</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The role.</summary>
    public required DeployedRole Role { get; init; }

    /// <summary>The customer managed policies, in order.</summary>
    public IReadOnlyList<DeployedPolicy> Policies { get; init; } = [];

    /// <summary>The AWS managed policies attached (names, e.g. <c>SecurityAudit</c>).</summary>
    public IReadOnlyList<string> AwsManagedPolicies { get; init; } = [];

    /// <summary>When the deploy finished.</summary>
    public DateTimeOffset DeployedAt { get; init; }
}
