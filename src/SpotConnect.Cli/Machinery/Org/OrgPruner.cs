using System.Collections.Concurrent;
using SpotConnect.Spot;

namespace SpotConnect.Org;

/// <summary>
/// <c>org prune --yes</c>: carries out an <see cref="OrgPrunePlan"/>. The offboarded accounts' membership is
/// recorded and they are taken out of their StackSets in the state (saved before any Spot call; the next
/// <c>org deploy</c> or <c>org sync</c> removes their stack instances). With deletes, Spot's account list is read
/// once; an account it no longer lists counts as gone without a call; every other delete is saved as started
/// (<see cref="OrgAccount.SpotAccountDeleteStartedAt"/>) in one write before any <c>DELETE</c> is sent, then the
/// deletes go out several at once (429 and 5xx backed off by <see cref="SpotApiClient"/>). An answer of
/// <c>Account_DOESNT_EXIST</c> counts as gone. A delete that fails or whose outcome is unknown keeps its mark: the
/// next run looks in Spot's list first and sends it again only if the account is still there (a repeat is harmless).
/// Only accounts SpotConnect created are in the plan's deletes; the state is saved at the end, also on a failure
/// or Ctrl+C.
/// </summary>
/// <param name="spot">Spot's API (needed only when the plan has deletes).</param>
/// <param name="state">The state, saved as the work goes.</param>
/// <param name="clock">When accounts are pruned and deletes start.</param>
/// <param name="report">Progress lines (stderr).</param>
internal sealed class OrgPruner(SpotApiClient? spot, OrgStateWriter state, TimeProvider clock, Action<string> report)
{
    private readonly SpotApiClient? _spot = spot;
    private readonly OrgStateWriter _state = state ?? throw new ArgumentNullException(nameof(state));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    private readonly Action<string> _report = report ?? throw new ArgumentNullException(nameof(report));

    /// <summary>How the deletes' progress is shown; default: plain lines through the report (<see cref="OrgProgress"/>).</summary>
    public OrgProgressStart? Progress { get; init; }

    /// <summary>Prunes as planned.</summary>
    /// <returns>The plan's items with what happened to each Spot account.</returns>
    public async Task<IReadOnlyList<OrgPruneItem>> RunAsync(OrgPrunePlan plan, int concurrency, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var results = new ConcurrentDictionary<string, OrgPruneItem>(plan.Items.ToDictionary(i => i.AwsAccountId, StringComparer.Ordinal), StringComparer.Ordinal);
        try
        {
            await TakeOutAsync(plan, cancellation);
            var deletes = plan.Deletes.ToList();
            if (deletes.Count > 0)
            {
                await DeleteAsync(deletes, results, concurrency, cancellation);
            }
        }
        finally
        {
            await _state.SaveAsync(CancellationToken.None);
        }

        return plan.Items.Select(i => results[i.AwsAccountId]).ToList();
    }

    private async Task TakeOutAsync(OrgPrunePlan plan, CancellationToken cancellation)
    {
        var now = _clock.GetUtcNow();
        foreach (var id in plan.Offboarded)
        {
            var listed = plan.State.TryGetValue(id, out var awsState);
            _state.Update(id, a => a with
            {
                InOrganization = listed && a.InOrganization,
                AwsState = listed ? awsState : a.AwsState,
                PrunedAt = a.StackSet is not null ? now : a.PrunedAt,
                PrunedFromStackSet = a.StackSet ?? a.PrunedFromStackSet,
                StackSet = null,
            });
        }

        await _state.SaveAsync(cancellation);
        if (plan.StackSetRemovals > 0)
        {
            _report($"state: {plan.StackSetRemovals} account(s) taken out of their StackSet; the next `org deploy` or `org sync` removes their stack instances");
        }
    }

    private async Task DeleteAsync(List<OrgPruneItem> deletes, ConcurrentDictionary<string, OrgPruneItem> results, int concurrency, CancellationToken cancellation)
    {
        var spot = _spot ?? throw new InvalidOperationException("deleting Spot accounts needs Spot's API");
        var listed = (await spot.ListAccountsAsync(cancellation)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        _report($"Spot: {listed.Count} accounts in the Spot organization; {deletes.Count} to delete");

        // Already gone (deleted by an earlier run whose answer was lost, or by hand): recorded, nothing sent.
        var now = _clock.GetUtcNow();
        var toSend = new List<OrgPruneItem>();
        foreach (var item in deletes)
        {
            if (listed.Contains(item.SpotAccountId!))
            {
                toSend.Add(item);
                continue;
            }

            _state.Update(item.AwsAccountId, a => a with { SpotAccountDeletedAt = now, LastError = null });
            results[item.AwsAccountId] = item with { Spot = OrgPruneSpotAction.Gone, Note = "not in Spot's account list: already gone" };
        }

        // Every delete is on disk as started before the first one leaves: a run killed from here on finds the mark.
        foreach (var item in toSend)
        {
            _state.Update(item.AwsAccountId, a => a with { SpotAccountDeleteStartedAt = a.SpotAccountDeleteStartedAt ?? now });
        }

        await _state.SaveAsync(cancellation);
        using var progress = Progress?.Invoke("prune (delete Spot accounts)", toSend.Count) ?? new OrgProgress("prune (delete Spot accounts)", toSend.Count, _report);
        await Parallel.ForEachAsync(toSend, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellation }, async (item, ct) =>
        {
            var result = await DeleteOneAsync(spot, item, ct);
            results[item.AwsAccountId] = result;
            progress.Done(result.Spot == OrgPruneSpotAction.Failed);
            await _state.SaveIfOlderThanAsync(TimeSpan.FromSeconds(1), ct);
        });
    }

    private async Task<OrgPruneItem> DeleteOneAsync(SpotApiClient spot, OrgPruneItem item, CancellationToken cancellation)
    {
        var spotAccountId = item.SpotAccountId!;
        try
        {
            var deleted = await spot.DeleteAccountAsync(spotAccountId, cancellation);
            _state.Update(item.AwsAccountId, a => a with { SpotAccountDeletedAt = _clock.GetUtcNow(), LastError = null });
            return deleted
                ? item with { Spot = OrgPruneSpotAction.Deleted, Note = null }
                : item with { Spot = OrgPruneSpotAction.Gone, Note = "Spot answered Account_DOESNT_EXIST: already gone" };
        }
        catch (Exception e) when (e is SpotApiException { Status: not (401 or 403) } or HttpRequestException
                                  || (e is OperationCanceledException && !cancellation.IsCancellationRequested))
        {
            var what = e is SpotApiException { Status: < 500 and not 408 } ? "was refused" : "had an unknown outcome";
            var message = $"deleting the Spot account {spotAccountId} {what} ({(e is OperationCanceledException ? "no answer in time" : e.Message)}); it stays marked: the next `org prune --delete-spot-accounts --yes` looks in Spot's account list and sends the delete again only if the account is still there.";
            _state.Update(item.AwsAccountId, a => a with { LastError = message });
            _report($"{item.AwsAccountId}: {message}");
            return item with { Spot = OrgPruneSpotAction.Failed, Note = message };
        }
    }
}
