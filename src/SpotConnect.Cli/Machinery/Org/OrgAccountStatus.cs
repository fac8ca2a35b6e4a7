using SpotConnect.Status;

namespace SpotConnect.Org;

/// <summary>One account of <see cref="OrgStatus"/>: what the state records of it, and the step that is due for it.</summary>
internal sealed record OrgAccountStatus
{
    /// <summary>The AWS account (12 digits).</summary>
    public required string AwsAccountId { get; init; }

    /// <summary>Its name in the organization.</summary>
    public string? Name { get; init; }

    /// <summary>Its state in the organization as last read (<c>ACTIVE</c>, <c>SUSPENDED</c>, …).</summary>
    public string? AwsState { get; init; }

    /// <summary>Whether the last accounts file listed it and it was not excluded.</summary>
    public required bool InOrganization { get; init; }

    /// <summary>Its membership as a person reads it: the AWS state, "excluded (…)", "left the organization".</summary>
    public required string Membership { get; init; }

    /// <summary>Whether it is the organization's management account (its role is in the org stack itself, not a StackSet).</summary>
    public required bool ManagementAccount { get; init; }

    /// <summary>Its Spot account (<c>act-…</c>), also after that was deleted (see <see cref="SpotAccountDeletedAt"/>).</summary>
    public string? SpotAccountId { get; init; }

    /// <summary>Whether SpotConnect created the Spot account (only those are ever deleted).</summary>
    public required bool SpotAccountCreated { get; init; }

    /// <summary>When <c>org prune --delete-spot-accounts</c> deleted the Spot account.</summary>
    public DateTimeOffset? SpotAccountDeletedAt { get; init; }

    /// <summary>The external id its role trusts.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The StackSet the state places it in (the next deploy deploys it there).</summary>
    public string? StackSet { get; init; }

    /// <summary>The StackSet the last recorded deploy deployed it in, if any.</summary>
    public string? DeployedStackSet { get; init; }

    /// <summary>When <c>org prune</c> (or <c>org deploy --prune</c>) took it out of its StackSet.</summary>
    public DateTimeOffset? PrunedAt { get; init; }

    /// <summary>The StackSet it was pruned from.</summary>
    public string? PrunedFromStackSet { get; init; }

    /// <summary>Its role's ARN: the one Spot holds when registered, else the one the last deploy made.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Whether Spot holds its current role (registered, Spot account not deleted, not pruned).</summary>
    public required bool Registered { get; init; }

    /// <summary>When Spot confirmed its role.</summary>
    public DateTimeOffset? RegisteredAt { get; init; }

    /// <summary>The last error a step recorded for it.</summary>
    public string? LastError { get; init; }

    /// <summary>The step that is due for it, if any.</summary>
    public DueStep? Next { get; init; }
}
