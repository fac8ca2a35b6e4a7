namespace SpotConnect.Org;

/// <summary>What <c>org deploy</c> did: the state it saved and the stack instances it added and removed against what was deployed before.</summary>
/// <param name="State">The state after the deploy.</param>
/// <param name="Added">Accounts that got a stack instance (and role) in a StackSet.</param>
/// <param name="Removed">Accounts whose stack instance (and role) the deploy removed.</param>
internal sealed record OrgDeployResult(OrgState State, IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    /// <summary>
    /// The accounts with a stack instance before a deploy of <paramref name="state"/>: those its deploy record lists; for a
    /// state deployed by a version that recorded no deploy, those placed (or pruned since) when any is registered; else none.
    /// </summary>
    public static IReadOnlySet<string> DeployedAccounts(OrgState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var ids = state.Deployed is { } record ? record.StackSets.Values.SelectMany(a => a)
            : OrgStatus.DeployedBeforeRecords(state) ? state.Accounts.Where(a => (a.StackSet ?? a.PrunedFromStackSet) is not null).Select(a => a.AwsAccountId)
            : [];
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>What a deploy that leaves <paramref name="now"/> added to and removed from <paramref name="before"/>.</summary>
    public static (IReadOnlyList<string> Added, IReadOnlyList<string> Removed) Difference(IReadOnlySet<string> before, IReadOnlyDictionary<string, IReadOnlyList<string>> now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);
        var after = now.Values.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
        return (after.Except(before).Order(StringComparer.Ordinal).ToArray(), before.Except(after).Order(StringComparer.Ordinal).ToArray());
    }
}
