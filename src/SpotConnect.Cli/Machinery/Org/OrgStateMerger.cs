using SpotConnect.Validation;

namespace SpotConnect.Org;

/// <summary>
/// Brings the state up to date with the organization: new accounts are added, known ones get their name and
/// state, accounts that left (or are excluded) are marked <see cref="OrgAccount.InOrganization"/> = false and
/// kept: nothing is ever deleted from the state.
/// </summary>
internal static class OrgStateMerger
{
    /// <summary>The state for <paramref name="inventory"/>, starting from <paramref name="existing"/>.</summary>
    /// <param name="existing">The state file's content, or <see langword="null"/>.</param>
    /// <param name="inventory">The organization now.</param>
    /// <param name="stateField">How the user named the state file (for messages).</param>
    /// <param name="statePath">The state file (for messages).</param>
    /// <exception cref="SpotConnectValidationException">The state belongs to another organization or partition.</exception>
    public static OrgState Merge(OrgState? existing, OrgInventory inventory, string stateField, string statePath)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var problems = new List<ValidationProblem>();
        if (existing is not null && existing.ManagementAccountId != inventory.ManagementAccountId)
        {
            problems.Add(new(stateField, statePath, $"this state is for the organization whose management account is {existing.ManagementAccountId}, not {inventory.ManagementAccountId}. Use another state file, or pass --management-account {existing.ManagementAccountId}."));
        }

        if (existing is not null && existing.Partition != inventory.Partition)
        {
            problems.Add(new(stateField, statePath, $"this state is for the partition {existing.Partition}, not {inventory.Partition}."));
        }

        // CloudFormation deletes the stack instances of a target no longer listed: every role under a dropped OU.
        var dropped = existing?.StackSets.Count > 0
            ? existing.TargetOus.Where(ou => !inventory.TargetOus.Contains(ou, StringComparer.Ordinal)).ToArray()
            : [];
        if (dropped.Length > 0)
        {
            problems.Add(new("--target-ou", string.Join(",", inventory.TargetOus),
                $"the StackSets already deploy to {string.Join(", ", dropped)}; leaving {(dropped.Length == 1 ? "it" : "them")} out would make CloudFormation delete the Spot role of every account there, while Spot still uses it. Add targets freely; to drop one deliberately, remove it from targetOus in {statePath} (a reviewed change), then run again.",
                [string.Join(",", existing!.TargetOus)]));
        }

        if (problems.Count > 0)
        {
            throw new SpotConnectValidationException(problems);
        }

        var excluded = inventory.Excluded.ToHashSet(StringComparer.Ordinal);
        var accounts = (existing?.Accounts ?? []).ToDictionary(a => a.AwsAccountId, StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var aws in inventory.Accounts)
        {
            listed.Add(aws.Id);
            var known = accounts.GetValueOrDefault(aws.Id);
            if (known is null && excluded.Contains(aws.Id))
            {
                continue; // never part of the rollout: no entry at all
            }

            accounts[aws.Id] = (known ?? new OrgAccount { AwsAccountId = aws.Id }) with
            {
                Name = aws.Name ?? known?.Name,
                AwsState = aws.State,
                InOrganization = !excluded.Contains(aws.Id),
                Excluded = excluded.Contains(aws.Id) ? true : null,
            };
        }

        foreach (var gone in accounts.Values.Where(a => !listed.Contains(a.AwsAccountId) && a.Excluded != false).ToList())
        {
            accounts[gone.AwsAccountId] = gone with { InOrganization = false, Excluded = false };
        }

        return (existing ?? new OrgState { Partition = inventory.Partition, ManagementAccountId = inventory.ManagementAccountId, TargetOus = inventory.TargetOus }) with
        {
            TargetOus = inventory.TargetOus,
            Accounts = accounts.Values.OrderBy(a => a.AwsAccountId, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>
    /// <c>--prune</c>: takes accounts that left the organization, were excluded or are no longer <c>ACTIVE</c> out
    /// of their StackSet (the next deploy removes their stack instance); they stay in the state.
    /// </summary>
    /// <returns>The state, and the ids of the accounts taken out.</returns>
    /// <param name="state">The state.</param>
    /// <param name="at">When: recorded as each pruned account's <c>prunedAt</c>, with the StackSet it leaves (<c>prunedFromStackSet</c>), as <c>org prune --yes</c> records them; <see langword="null"/> for a plan, which records nothing.</param>
    public static (OrgState State, IReadOnlyList<string> Pruned) Prune(OrgState state, DateTimeOffset? at)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pruned = state.Accounts.Where(a => a.StackSet is not null && !a.IsActiveMember).Select(a => a.AwsAccountId).ToHashSet(StringComparer.Ordinal);
        return pruned.Count == 0
            ? (state, [])
            : (state with { Accounts = state.Accounts.Select(a => pruned.Contains(a.AwsAccountId) ? a with { StackSet = null, PrunedAt = at ?? a.PrunedAt, PrunedFromStackSet = at is null ? a.PrunedFromStackSet : a.StackSet } : a).ToList() },
               pruned.Order(StringComparer.Ordinal).ToList());
    }
}
