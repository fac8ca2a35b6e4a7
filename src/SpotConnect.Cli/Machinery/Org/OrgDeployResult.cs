namespace SpotConnect.Org;

/// <summary>What <c>org deploy</c> did: the state it saved and the stack instances it added and removed against the deploy recorded before.</summary>
/// <param name="State">The state after the deploy.</param>
/// <param name="Added">Accounts that got a stack instance (and role) in a StackSet.</param>
/// <param name="Removed">Accounts whose stack instance (and role) the deploy removed.</param>
internal sealed record OrgDeployResult(OrgState State, IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    /// <summary>The accounts <paramref name="record"/> deployed, and those <paramref name="now"/> deploys: what is added, what removed.</summary>
    public static (IReadOnlyList<string> Added, IReadOnlyList<string> Removed) Difference(Plan.OrgDeployRecord? record, IReadOnlyDictionary<string, IReadOnlyList<string>> now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var before = (record?.StackSets.Values.SelectMany(ids => ids) ?? []).ToHashSet(StringComparer.Ordinal);
        var after = now.Values.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
        return (after.Except(before).Order(StringComparer.Ordinal).ToArray(), before.Except(after).Order(StringComparer.Ordinal).ToArray());
    }
}
