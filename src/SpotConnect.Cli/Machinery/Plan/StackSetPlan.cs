namespace SpotConnect.Plan;

/// <summary>One StackSet's accounts, deployed and planned.</summary>
internal sealed record StackSetPlan(string Name, IReadOnlyList<string> Deployed, IReadOnlyList<string> Planned)
{
    /// <summary>Accounts the deploy adds to the StackSet (a stack instance, a role).</summary>
    public IReadOnlyList<string> Added { get; } = Planned.Except(Deployed, StringComparer.Ordinal).ToArray();

    /// <summary>Accounts the deploy removes from the StackSet (their stack instance, and role, deleted).</summary>
    public IReadOnlyList<string> Removed { get; } = Deployed.Except(Planned, StringComparer.Ordinal).ToArray();

    /// <summary>Whether the accounts change.</summary>
    public bool HasChanges => Added.Count > 0 || Removed.Count > 0;
}
