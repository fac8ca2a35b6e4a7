namespace SpotConnect.Org;

/// <summary>One AWS account of the organization and its Spot connection.</summary>
public sealed record OrgAccount
{
    /// <summary>The organization's state of an account that works (<c>ACTIVE</c>); any other (<c>SUSPENDED</c>, <c>CLOSED</c>, …) does not.</summary>
    public const string ActiveState = "ACTIVE";

    /// <summary>
    /// Whether the account is in the organization (the last accounts file listed it, not excluded) and <see cref="ActiveState"/>
    /// (any case; no state recorded counts as active): the one rule of which accounts are prepared, deployed and registered.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsActiveMember => InOrganization && string.Equals(AwsState ?? ActiveState, ActiveState, StringComparison.OrdinalIgnoreCase);

    /// <summary>The AWS account id (12 digits).</summary>
    public required string AwsAccountId { get; init; }

    /// <summary>The AWS account's name, as in the organization.</summary>
    public string? Name { get; init; }

    /// <summary>The account's state in the organization (<c>ACTIVE</c>, <c>SUSPENDED</c>, <c>PENDING_CLOSURE</c>, <c>CLOSED</c>…; the newer <c>State</c> field, else <c>Status</c>).</summary>
    public string? AwsState { get; init; }

    /// <summary>Whether the account was in the last accounts file read (false: it left the organization or was excluded).</summary>
    public bool InOrganization { get; init; } = true;

    /// <summary>
    /// Why the account is not <see cref="InOrganization"/>: <see langword="true"/> when the last accounts file listed it but
    /// it was excluded (<c>--exclude</c>), <see langword="false"/> when the file no longer listed it (it left the
    /// organization); <see langword="null"/> while it is in the organization, and in states written before this was recorded.
    /// </summary>
    public bool? Excluded { get; init; }

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

    /// <summary>
    /// How the Spot account was found (<c>SpotAccountSources</c> in the tool: <c>created</c>, <c>connected</c>,
    /// <c>adopted</c>); <see langword="null"/> in states written before it was recorded (then only
    /// <see cref="SpotAccountCreated"/> tells). Only a <c>created</c> account may ever be deleted.
    /// </summary>
    public string? SpotAccountSource { get; init; }

    /// <summary>When <c>org prune --yes</c> took the account out of its StackSet (it left the organization or was not <c>ACTIVE</c>).</summary>
    public DateTimeOffset? PrunedAt { get; init; }

    /// <summary>The StackSet <c>org prune</c> took the account out of (the next deploy removes its stack instance there).</summary>
    public string? PrunedFromStackSet { get; init; }

    /// <summary>
    /// When <c>org prune --delete-spot-accounts --yes</c> decided to delete the Spot account, saved before the
    /// <c>DELETE</c> is sent. Set without <see cref="SpotAccountDeletedAt"/>: the outcome is not known yet; the next
    /// prune looks in Spot's account list and sends the delete again only if the account is still there.
    /// </summary>
    public DateTimeOffset? SpotAccountDeleteStartedAt { get; init; }

    /// <summary>When the Spot account (<see cref="SpotAccountId"/>) was confirmed gone: deleted, or answered <c>Account_DOESNT_EXIST</c>, or no longer in Spot's account list.</summary>
    public DateTimeOffset? SpotAccountDeletedAt { get; init; }

    /// <summary>The last error for this account (cleared by the next success).</summary>
    public string? LastError { get; init; }
}
