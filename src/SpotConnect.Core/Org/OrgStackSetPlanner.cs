namespace SpotConnect.Org;

/// <summary>
/// Decides which StackSet deploys each account's role. Deterministic (same state, same answer) and append-only:
/// an account already assigned never moves (moving would delete its role in one StackSet and create it in
/// another), new accounts fill the last StackSet, then a new one is added.
/// </summary>
/// <remarks>
/// The capacity of a StackSet is bounded by its member template's size (the <c>Mappings</c> table of account id →
/// external id grows with every account): <c>SpotOrgCapacity.For(state, link, bootstrapped)</c> computes it (see
/// <see cref="OrgTemplateSize.Capacity"/>), for SpotOrgStack and the CLI alike; this planner takes the resulting account capacity.
/// </remarks>
internal static class OrgStackSetPlanner
{
    /// <summary>The default StackSet name prefix: StackSets are <c>SpotConnect-1</c>, <c>SpotConnect-2</c>, …</summary>
    public const string DefaultNamePrefix = "SpotConnect";

    /// <summary>Whether the account gets a role through a StackSet: active, in the organization, with an external id of a Spot account that is not being deleted (<c>org prune</c>), and not the management account.</summary>
    public static bool IsDeployable(OrgState state, OrgAccount account)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(account);
        return account.IsActiveMember
            && account.ExternalId is not null
            && account.SpotAccountDeleteStartedAt is null
            && account.SpotAccountDeletedAt is null
            && account.AwsAccountId != state.ManagementAccountId;
    }

    /// <summary>Assigns every deployable, unassigned account to a StackSet, adding StackSets as they fill.</summary>
    /// <param name="state">The organization state.</param>
    /// <param name="capacity">How many accounts one StackSet may hold.</param>
    /// <param name="namePrefix">The prefix of new StackSets' names.</param>
    /// <returns>The state with the assignments (the same instance when nothing changed).</returns>
    public static OrgState Assign(OrgState state, int capacity, string namePrefix = DefaultNamePrefix)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var stackSets = state.StackSets.ToList();
        var counts = stackSets.ToDictionary(s => s.Name, s => state.Accounts.Count(a => a.StackSet == s.Name), StringComparer.Ordinal);
        var changed = false;
        var accounts = state.Accounts
            .OrderBy(a => a.AwsAccountId, StringComparer.Ordinal)
            .Select(account =>
            {
                if (account.StackSet is not null || !IsDeployable(state, account))
                {
                    return account;
                }

                var target = stackSets.LastOrDefault();
                if (target is null || counts[target.Name] >= capacity)
                {
                    target = new OrgStackSet(NextName(stackSets, namePrefix));
                    stackSets.Add(target);
                    counts[target.Name] = 0;
                }

                counts[target.Name]++;
                changed = true;
                return account with { StackSet = target.Name };
            })
            .ToList();
        return changed ? state with { StackSets = stackSets, Accounts = accounts } : state;
    }

    private static string NextName(List<OrgStackSet> existing, string prefix)
    {
        for (var n = existing.Count + 1; ; n++)
        {
            var name = $"{prefix}-{n}";
            if (existing.All(s => s.Name != name))
            {
                return name;
            }
        }
    }
}
