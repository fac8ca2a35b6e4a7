using System.Collections.Concurrent;
using SpotConnect.Spot;

namespace SpotConnect.Org;

/// <summary>
/// <c>org prepare</c>'s work with Spot: lists Spot's accounts once and matches them to the AWS accounts by
/// <c>providerExternalId</c>; creates the missing Spot accounts and gets missing external ids, several accounts
/// at once. Never a second Spot account for one AWS account: a create is saved as started before it is sent;
/// an account with a started create and no Spot account is looked up in the list before anything else; a create
/// whose outcome is unknown (5xx, timeout, network fault after sending) is looked up again before it is sent
/// again, once per run. One account failing does not stop the others.
/// </summary>
/// <param name="spot">Spot's API.</param>
/// <param name="state">The state, saved as the work goes.</param>
/// <param name="clock">When creates start.</param>
/// <param name="report">Progress lines (stderr).</param>
public sealed class OrgPreparer(SpotApiClient spot, OrgStateWriter state, TimeProvider clock, Action<string> report)
{
    /// <summary>How far before a recorded create start a Spot account's <c>createdAt</c> may lie (clock skew) and still be that create's account.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(10);

    private readonly SpotApiClient _spot = spot ?? throw new ArgumentNullException(nameof(spot));
    private readonly OrgStateWriter _state = state ?? throw new ArgumentNullException(nameof(state));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    private readonly Action<string> _report = report ?? throw new ArgumentNullException(nameof(report));
    private readonly ConcurrentDictionary<string, OrgPrepareAction> _actions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _newExternalIds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _unknownCreates = new();
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);

    /// <summary>Prepares every active account of the organization; the state is saved as it goes and at the end.</summary>
    /// <param name="callAs">Whom the StackSets are managed as: from a delegated administrator the management account is left to <c>spot-connect link</c>.</param>
    /// <param name="concurrency">How many accounts are worked on at once.</param>
    /// <param name="cancellation">Stops the run (the state stays whole).</param>
    public async Task<OrgPrepareResult> RunAsync(OrgCallAs callAs, int concurrency, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var state = _state.Current;
        var spotAccounts = await _spot.ListAccountsAsync(cancellation);
        _report($"Spot: {spotAccounts.Count} accounts in the Spot organization");
        foreach (var id in state.Accounts.Select(a => a.SpotAccountId).OfType<string>())
        {
            _claimed.Add(id);
        }

        var todo = new List<string>();
        foreach (var account in state.Accounts)
        {
            if (Skip(state, account, callAs) is { } skipped)
            {
                _actions[account.AwsAccountId] = skipped;
            }
            else if (Resolve(account, spotAccounts))
            {
                todo.Add(account.AwsAccountId);
            }
        }

        await _state.SaveAsync(cancellation);
        var progress = new OrgProgress("prepare", todo.Count, _report);
        await ForEachAsync(todo, concurrency, progress, cancellation);
        await RecoverUnknownCreatesAsync(concurrency, cancellation);
        await _state.SaveAsync(cancellation);

        var final = _state.Current;
        return new OrgPrepareResult(final, final.Accounts
            .Select(a => new OrgPrepareOutcome(a.AwsAccountId, _actions.GetValueOrDefault(a.AwsAccountId, OrgPrepareAction.Known), _newExternalIds.ContainsKey(a.AwsAccountId)))
            .ToList());
    }

    private OrgPrepareAction? Skip(OrgState state, OrgAccount account, OrgCallAs callAs)
    {
        if (!account.InOrganization)
        {
            return OrgPrepareAction.NotInOrganization;
        }

        if (!OrgStateMerger.IsActiveMember(account))
        {
            return OrgPrepareAction.NotActive;
        }

        if (callAs == OrgCallAs.DelegatedAdmin && account.AwsAccountId == state.ManagementAccountId)
        {
            _state.Update(account.AwsAccountId, a => a with
            {
                LastError = $"the management account: StackSets never deploy to it and a delegated administrator cannot hold its role; run `spot-connect link` with credentials for {a.AwsAccountId}.",
            });
            return OrgPrepareAction.NeedsLink;
        }

        return null;
    }

    /// <summary>Finds the account's Spot account without creating anything (sequential: claims are not shared across threads).</summary>
    /// <returns>Whether the account still needs work (a create or an external id).</returns>
    private bool Resolve(OrgAccount account, IReadOnlyList<SpotAccount> spotAccounts)
    {
        var id = account.AwsAccountId;
        if (account.SpotAccountId is { } known)
        {
            if (spotAccounts.All(s => s.Id != known))
            {
                Fail(id, $"the Spot account {known} recorded in the state is not in Spot's account list (deleted?); to create a new one, remove spotAccountId from this account in the state file.");
                return false;
            }

            _actions[id] = OrgPrepareAction.Known;
            return account.ExternalId is null;
        }

        if (spotAccounts.FirstOrDefault(s => s.ConnectedAwsAccountId == id && !_claimed.Contains(s.Id)) is { } connected)
        {
            Claim(id, connected, created: false, OrgPrepareAction.Matched);
            return true;
        }

        if (account.SpotAccountCreateStartedAt is not null && Pending(account, spotAccounts) is { } pending)
        {
            _report($"{id}: the create started {account.SpotAccountCreateStartedAt:u} made {pending.Id} ('{pending.Name}'); using it");
            Claim(id, pending, created: true, OrgPrepareAction.Adopted);
            return true;
        }

        return true; // to create
    }

    /// <summary>The Spot account an interrupted create of <paramref name="account"/> made: unconnected, of the name it was created with, unclaimed, created after the create started.</summary>
    private SpotAccount? Pending(OrgAccount account, IEnumerable<SpotAccount> spotAccounts) =>
        spotAccounts
            .Where(s => s.ConnectedAwsAccountId is null
                        && string.Equals(s.Name, account.SpotAccountName ?? OrgSpotNames.For(account.AwsAccountId, account.Name), StringComparison.Ordinal)
                        && !_claimed.Contains(s.Id)
                        && (s.CreatedAt is null || s.CreatedAt >= account.SpotAccountCreateStartedAt - ClockSkew))
            .OrderBy(s => s.CreatedAt ?? DateTimeOffset.MinValue)
            .FirstOrDefault();

    private void Claim(string awsAccountId, SpotAccount spotAccount, bool created, OrgPrepareAction action)
    {
        _claimed.Add(spotAccount.Id);
        _actions[awsAccountId] = action;
        _state.Update(awsAccountId, a => a with
        {
            SpotAccountId = spotAccount.Id,
            SpotAccountName = spotAccount.Name,
            SpotAccountCreated = created,
            SpotAccountCreateStartedAt = null,
            LastError = null,
        });
    }

    private async Task ForEachAsync(IReadOnlyList<string> accountIds, int concurrency, OrgProgress progress, CancellationToken cancellation)
    {
        using var starts = new OrgCreateStarts(_state, accountIds.Where(id => _state.Account(id).SpotAccountId is null).ToList(), concurrency * StartBatchPerWorker, _clock);
        await Parallel.ForEachAsync(accountIds, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellation }, async (id, ct) =>
        {
            await PrepareAsync(id, starts, ct);
            progress.Done(_actions.GetValueOrDefault(id) == OrgPrepareAction.Failed);
            await _state.SaveIfOlderThanAsync(SaveInterval, ct);
        });
    }

    /// <summary>How stale the file may get while only results (not create starts) change.</summary>
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);

    /// <summary>How many creates per worker one save marks as started ahead of sending them.</summary>
    private const int StartBatchPerWorker = 8;

    private async Task PrepareAsync(string id, OrgCreateStarts starts, CancellationToken cancellation)
    {
        if (_state.Account(id).SpotAccountId is null && !await CreateAsync(id, starts, cancellation))
        {
            return;
        }

        if (_state.Account(id).ExternalId is null)
        {
            await ExternalIdAsync(id, cancellation);
        }
    }

    private async Task<bool> CreateAsync(string id, OrgCreateStarts starts, CancellationToken cancellation)
    {
        // Saved before the create is sent: a run killed from here on looks the account up before creating again.
        await starts.EnsureStartedAsync(id, cancellation);
        var name = _state.Account(id).SpotAccountName!;
        try
        {
            var created = await _spot.CreateAccountAsync(name, cancellation);
            _actions[id] = OrgPrepareAction.Created;
            _state.Update(id, a => a with { SpotAccountId = created.Id, SpotAccountName = created.Name, SpotAccountCreated = true, SpotAccountCreateStartedAt = null, LastError = null });
            return true;
        }
        catch (SpotApiException e) when (e.Status is >= 400 and < 500 and not (401 or 403))
        {
            // Refused (a 429 only after its retries): nothing was created.
            _state.Update(id, a => a with { SpotAccountCreateStartedAt = null });
            Fail(id, $"creating the Spot account '{name}' was refused: {e.Message}");
            return false;
        }
        catch (Exception e) when (IsUnknownOutcome(e, cancellation))
        {
            _unknownCreates.Enqueue(id);
            Fail(id, $"creating the Spot account '{name}' failed with an unknown outcome ({Describe(e)}); it is looked up in Spot's account list before any new create. Run the same command again.");
            return false;
        }
    }

    private async Task ExternalIdAsync(string id, CancellationToken cancellation)
    {
        var spotAccountId = _state.Account(id).SpotAccountId!;
        try
        {
            var grant = await _spot.CreateExternalIdAsync(spotAccountId, cancellation);
            _newExternalIds[id] = true;
            _state.Update(id, a => a with { ExternalId = grant.Value, LastError = null });
        }
        catch (Exception e) when (e is SpotApiException { Status: not (401 or 403) } || IsUnknownOutcome(e, cancellation))
        {
            Fail(id, $"getting an external id for {spotAccountId} failed: {Describe(e)}. Run the same command again.");
        }
    }

    /// <summary>Creates whose outcome was unknown: one more look at Spot's list, then at most one more create each.</summary>
    private async Task RecoverUnknownCreatesAsync(int concurrency, CancellationToken cancellation)
    {
        var unknown = _unknownCreates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        _unknownCreates.Clear();
        if (unknown.Count == 0)
        {
            return;
        }

        _report($"Spot: {unknown.Count} create(s) with an unknown outcome; listing Spot's accounts again before any new create");
        var spotAccounts = await _spot.ListAccountsAsync(cancellation);
        var retry = new List<string>();
        foreach (var id in unknown)
        {
            var account = _state.Account(id);
            if (Pending(account, spotAccounts) is { } made)
            {
                _report($"{id}: the create did make {made.Id} ('{made.Name}'); using it");
                Claim(id, made, created: true, OrgPrepareAction.Created);
            }

            retry.Add(id); // created now: still needs its external id; not created: one more create
        }

        await _state.SaveAsync(cancellation);
        await ForEachAsync(retry, concurrency, new OrgProgress("prepare (retry)", retry.Count, _report), cancellation);
        _unknownCreates.Clear(); // a second unknown outcome waits for the next run, which lists first
    }

    private void Fail(string id, string message)
    {
        _actions[id] = OrgPrepareAction.Failed;
        _state.Update(id, a => a with { LastError = message });
        _report($"{id}: {message}");
    }

    private static bool IsUnknownOutcome(Exception e, CancellationToken cancellation) =>
        e is HttpRequestException || e is SpotApiException { Status: >= 500 } || (e is TaskCanceledException && !cancellation.IsCancellationRequested);

    private static string Describe(Exception e) => e switch
    {
        TaskCanceledException => "no answer in time",
        _ => e.Message,
    };
}
