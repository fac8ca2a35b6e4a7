namespace SpotConnect.Plan;

/// <summary>
/// What the last successful <c>org deploy</c> (or <c>org sync</c>) deployed, recorded in the org state for
/// <c>org plan</c> and the role replacement guard: the member role and policies (as <see cref="LinkDeployRecord"/>),
/// the accounts of each StackSet, the management account's role, the region and the administrator.
/// </summary>
public sealed record OrgDeployRecord
{
    /// <summary>The effective value of every setting deployed, as text, by context key.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The role every account got.</summary>
    public required DeployedRole Role { get; init; }

    /// <summary>The customer managed policies every account got, in order.</summary>
    public IReadOnlyList<DeployedPolicy> Policies { get; init; } = [];

    /// <summary>The AWS managed policies attached (names).</summary>
    public IReadOnlyList<string> AwsManagedPolicies { get; init; } = [];

    /// <summary>The accounts each StackSet deployed to, by StackSet name, each list sorted.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> StackSets { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The management account's role held by SpotOrgStack itself, if it held one.</summary>
    public DeployedManagementAccount? ManagementAccount { get; init; }

    /// <summary>The region of the stack instances.</summary>
    public string? Region { get; init; }

    /// <summary>Whom the StackSets were administered as (<c>SELF</c> or <c>DELEGATED_ADMIN</c>).</summary>
    public string? CallAs { get; init; }

    /// <summary>When the deploy finished.</summary>
    public DateTimeOffset DeployedAt { get; init; }
}
