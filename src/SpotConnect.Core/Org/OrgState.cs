namespace SpotConnect.Org;

/// <summary>
/// What <c>spot-connect org</c> knows about an AWS Organization's connection to Spot, in the state file
/// (default <c>spot-org.json</c>). Meant to be committed: it holds no secret (external ids are not secrets,
/// the Spot token is never written). <c>org prepare</c> writes it as it goes; the app reads it
/// (<c>spot:orgState</c>) to synthesize <c>SpotOrgStack</c>; <c>org register</c> and <c>org status</c> read it.
/// </summary>
public sealed record OrgState
{
    /// <summary>The current state file format version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The state file format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The AWS partition of the organization.</summary>
    public required string Partition { get; init; }

    /// <summary>The organization's management account (12 digits): StackSets never deploy to it.</summary>
    public required string ManagementAccountId { get; init; }

    /// <summary>The target organizational units or the root (<c>ou-…</c>, <c>r-…</c>) the StackSets deploy to.</summary>
    public required IReadOnlyList<string> TargetOus { get; init; }

    /// <summary>
    /// The region the StackSets' instances were deployed in (recorded by <c>org deploy</c>). Later deploys default to
    /// it and refuse another: moving would delete every member account's role and create it again elsewhere.
    /// </summary>
    public string? Region { get; init; }

    /// <summary>Whom the StackSets were deployed as (<c>SELF</c> or <c>DELEGATED_ADMIN</c>, recorded by <c>org deploy</c>); later deploys default to it.</summary>
    public string? CallAs { get; init; }

    /// <summary>The StackSets, in creation order. An account never moves from one to another once deployed.</summary>
    public IReadOnlyList<OrgStackSet> StackSets { get; init; } = [];

    /// <summary>Every account seen, ordered by AWS account id.</summary>
    public IReadOnlyList<OrgAccount> Accounts { get; init; } = [];
}

/// <summary>One StackSet of the organization rollout.</summary>
/// <param name="Name">The StackSet's name (stable: renaming would replace it and every role it deployed).</param>
public sealed record OrgStackSet(string Name);

/// <summary>One AWS account of the organization and its Spot connection.</summary>
public sealed record OrgAccount
{
    /// <summary>The AWS account id (12 digits).</summary>
    public required string AwsAccountId { get; init; }

    /// <summary>The AWS account's name, as in the organization.</summary>
    public string? Name { get; init; }

    /// <summary>The account's state in the organization (<c>ACTIVE</c>, <c>SUSPENDED</c>, <c>PENDING_CLOSURE</c>, <c>CLOSED</c>…; the newer <c>State</c> field, else <c>Status</c>).</summary>
    public string? AwsState { get; init; }

    /// <summary>Whether the account was in the last accounts file read (false: it left the organization or was excluded).</summary>
    public bool InOrganization { get; init; } = true;

    /// <summary>The Spot account (<c>act-…</c>) linked to this AWS account.</summary>
    public string? SpotAccountId { get; init; }

    /// <summary>The Spot account's name.</summary>
    public string? SpotAccountName { get; init; }

    /// <summary>Whether SpotConnect created the Spot account.</summary>
    public bool SpotAccountCreated { get; init; }

    /// <summary>
    /// When a create of the Spot account was sent without a confirmed answer. A run that finds this set lists
    /// Spot's accounts before creating again (never a second Spot account for one AWS account).
    /// </summary>
    public DateTimeOffset? SpotAccountCreateStartedAt { get; init; }

    /// <summary>The external id the account's role trusts (not a secret).</summary>
    public string? ExternalId { get; init; }

    /// <summary>The StackSet (name) that deploys this account's role; <see langword="null"/> until assigned, and for the management account (held by <c>SpotOrgStack</c> itself).</summary>
    public string? StackSet { get; init; }

    /// <summary>The role registered with Spot for this account.</summary>
    public string? RoleArn { get; init; }

    /// <summary>When Spot confirmed the role.</summary>
    public DateTimeOffset? RegisteredAt { get; init; }

    /// <summary>The last error for this account (cleared by the next success).</summary>
    public string? LastError { get; init; }
}
