namespace SpotConnect.Org;

/// <summary>What <c>org deploy</c> did: the state it saved and the stack instances it added and removed against what was deployed before.</summary>
/// <param name="State">The state after the deploy.</param>
/// <param name="Added">Accounts that got a stack instance (and role) in a StackSet.</param>
/// <param name="Removed">Accounts whose stack instance (and role) the deploy removed.</param>
internal sealed record OrgDeployResult(OrgState State, IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    /// <summary>
    /// The StackSet each account has a stack instance in, as <paramref name="state"/> records it: those its deploy record
    /// lists; for a state deployed by a version that recorded no deploy (<see cref="OrgStatus.DeployedBeforeRecords"/>), the
    /// ones placed or pruned since (no deploy since, or it would be recorded); else none.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DeployedIn(OrgState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var deployed = new Dictionary<string, string>(StringComparer.Ordinal);
        if (state.Deployed is { } record)
        {
            foreach (var (stackSet, ids) in record.StackSets)
            {
                foreach (var id in ids)
                {
                    deployed[id] = stackSet;
                }
            }
        }
        else if (OrgStatus.DeployedBeforeRecords(state))
        {
            foreach (var account in state.Accounts)
            {
                if ((account.StackSet ?? account.PrunedFromStackSet) is { } stackSet)
                {
                    deployed[account.AwsAccountId] = stackSet;
                }
            }
        }

        return deployed;
    }

    /// <summary>What a deploy that leaves <paramref name="now"/> added to and removed from <paramref name="before"/>.</summary>
    public static (IReadOnlyList<string> Added, IReadOnlyList<string> Removed) Difference(IEnumerable<string> before, IReadOnlyDictionary<string, IReadOnlyList<string>> now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);
        var was = before.ToHashSet(StringComparer.Ordinal);
        var after = now.Values.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
        return (after.Except(was).Order(StringComparer.Ordinal).ToArray(), was.Except(after).Order(StringComparer.Ordinal).ToArray());
    }
}
