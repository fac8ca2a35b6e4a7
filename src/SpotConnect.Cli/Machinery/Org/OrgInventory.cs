namespace SpotConnect.Org;

/// <summary>What the organization looks like now: the accounts file read, what to leave out, and where to deploy.</summary>
/// <param name="Accounts">The accounts of <c>aws organizations list-accounts</c>.</param>
/// <param name="Excluded">Account ids to leave out (kept in the state when already there, but not in the organization's rollout).</param>
/// <param name="ManagementAccountId">The organization's management account.</param>
/// <param name="TargetOus">The organizational units or root to deploy to.</param>
/// <param name="Partition">The AWS partition.</param>
internal sealed record OrgInventory(
    IReadOnlyList<OrgAwsAccount> Accounts,
    IReadOnlyCollection<string> Excluded,
    string ManagementAccountId,
    IReadOnlyList<string> TargetOus,
    string Partition);
