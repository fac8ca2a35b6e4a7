using System.Text.Json.Nodes;

namespace SpotConnect.Plan;

/// <summary>The role as a deploy created it: the properties whose change replaces it (name, path) or updates it in place (boundary, tags).</summary>
public sealed record DeployedRole
{
    /// <summary>The role name.</summary>
    public required string Name { get; init; }

    /// <summary>The role's IAM path (<c>/</c> unless given).</summary>
    public string Path { get; init; } = "/";

    /// <summary>The permissions boundary (an ARN, or a policy name in the account), if any.</summary>
    public string? PermissionsBoundary { get; init; }

    /// <summary>Tags on the role; <see langword="null"/> or empty when none.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

/// <summary>One customer managed policy as IAM stores it (ARNs resolved for the partition).</summary>
public sealed record DeployedPolicy
{
    /// <summary>The policy name.</summary>
    public required string Name { get; init; }

    /// <summary>The policy document.</summary>
    public required JsonObject Document { get; init; }
}

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

/// <summary>The management account's own role in <c>SpotOrgStack</c>, as deployed.</summary>
public sealed record DeployedManagementAccount
{
    /// <summary>The management account (12 digits).</summary>
    public required string AwsAccountId { get; init; }

    /// <summary>Its role's ARN.</summary>
    public required string RoleArn { get; init; }
}

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
