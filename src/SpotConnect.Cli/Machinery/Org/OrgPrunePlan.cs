using SpotConnect.Spot;

namespace SpotConnect.Org;

/// <summary>What <c>org prune</c> would do (or did).</summary>
/// <param name="Items">The accounts with something to do or to report, ordered by AWS account id.</param>
/// <param name="Offboarded">Every account of the state (but the management account) that left the organization or is not ACTIVE in the accounts file.</param>
/// <param name="State">The accounts file's view of the organization (id → state), used to update the offboarded accounts' membership.</param>
internal sealed record OrgPrunePlan(IReadOnlyList<OrgPruneItem> Items, IReadOnlyList<string> Offboarded, IReadOnlyDictionary<string, string> State)
{
    /// <summary>Accounts taken (or to take) out of a StackSet.</summary>
    public int StackSetRemovals => Items.Count(i => i.StackSet is not null);

    /// <summary>Spot accounts with a delete to send or to resolve.</summary>
    public IEnumerable<OrgPruneItem> Deletes => Items.Where(i => i.Spot is OrgPruneSpotAction.Delete or OrgPruneSpotAction.ResumeDelete);

    /// <summary>
    /// The plan for the state and the accounts file: every account of the state, except the management account, that
    /// is not listed (left the organization) or not <c>ACTIVE</c>, and every account with a delete left unfinished.
    /// Only Spot accounts SpotConnect created (<see cref="OrgAccount.SpotAccountCreated"/>) are ever deleted.
    /// </summary>
    public static OrgPrunePlan For(OrgState state, IReadOnlyList<OrgAwsAccount> organization, bool deleteSpotAccounts)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(organization);
        var listed = organization.ToDictionary(a => a.Id, a => a.State, StringComparer.Ordinal);
        var items = new List<OrgPruneItem>();
        var offboarded = new List<string>();
        foreach (var account in state.Accounts.OrderBy(a => a.AwsAccountId, StringComparer.Ordinal))
        {
            if (account.AwsAccountId == state.ManagementAccountId)
            {
                continue; // its role is SpotOrgStack's own; never pruned
            }

            var inFile = listed.TryGetValue(account.AwsAccountId, out var awsState);
            var gone = !inFile || !string.Equals(awsState, OrgAwsAccount.Active, StringComparison.OrdinalIgnoreCase);
            var pending = account.SpotAccountDeleteStartedAt is not null && account.SpotAccountDeletedAt is null;
            if (!gone && !pending)
            {
                continue;
            }

            if (gone)
            {
                offboarded.Add(account.AwsAccountId);
            }

            var (spot, note) = SpotAction(account, pending, deleteSpotAccounts);
            if (account.StackSet is null && spot is OrgPruneSpotAction.None or OrgPruneSpotAction.AlreadyDeleted)
            {
                continue; // nothing left to do or to report
            }

            var why = !inFile ? "left the organization" : awsState!;
            items.Add(new OrgPruneItem(account.AwsAccountId, account.Name, why, gone ? account.StackSet : null, account.SpotAccountId, spot, note));
        }

        return new OrgPrunePlan(items, offboarded, listed);
    }

    private static (OrgPruneSpotAction, string?) SpotAction(OrgAccount account, bool pending, bool deleteSpotAccounts)
    {
        if (account.SpotAccountId is null)
        {
            return (OrgPruneSpotAction.None, null);
        }

        if (account.SpotAccountDeletedAt is { } deleted)
        {
            return (OrgPruneSpotAction.AlreadyDeleted, $"deleted {deleted:u}");
        }

        if (pending)
        {
            return deleteSpotAccounts
                ? (OrgPruneSpotAction.ResumeDelete, $"a delete started {account.SpotAccountDeleteStartedAt:u} had an unknown outcome: sent again only if Spot still lists the account")
                : (OrgPruneSpotAction.PendingDelete, $"a delete started {account.SpotAccountDeleteStartedAt:u} had an unknown outcome; run with --delete-spot-accounts to finish it");
        }

        if (!account.SpotAccountCreated)
        {
            return (OrgPruneSpotAction.KeepNotCreated, SpotAccountSources.KeptBecause(account.SpotAccountSource));
        }

        return deleteSpotAccounts
            ? (OrgPruneSpotAction.Delete, "created by SpotConnect")
            : (OrgPruneSpotAction.KeepWithoutFlag, "created by SpotConnect; kept without --delete-spot-accounts");
    }
}
