using System.Collections.Concurrent;
using SpotConnect.Spot;

namespace SpotConnect.Org;

/// <summary>
/// <c>org prepare</c>'s work with Spot: lists Spot's accounts once and matches them to the AWS accounts by
/// <c>providerExternalId</c>; creates the missing Spot accounts and gets missing external ids, several accounts
/// at once. Never a second Spot account for one AWS account: each account's Spot account is found in the list by
/// <see cref="SpotAccountFinder"/>, the rules <c>link prepare</c> follows too; a create is saved as started before it
/// is sent, and only the account such a create made is taken as created; an unconnected account of the name that the
/// state does not record creating is never taken without <c>--spot-account</c> (that account fails, nothing is
/// created); a create whose outcome is unknown (5xx,
/// timeout, network fault, any answer that is not a definite refusal) is never sent again in the same run: the
/// list is read once more at the end to adopt what appeared, else the next run looks again before creating.
/// One account failing does not stop the others; the state is saved at the end even on a failure or Ctrl+C.
/// </summary>
/// <param name="spot">Spot's API.</param>
/// <param name="state">The state, saved as the work goes.</param>
/// <param name="clock">When creates start.</param>
/// <param name="report">Progress lines (stderr).</param>
/// <param name="given">Spot accounts given per AWS account (<c>--spot-account AWS=act-…</c>); none by default.</param>
internal sealed class OrgPreparer(SpotApiClient spot, OrgStateWriter state, TimeProvider clock, Action<string> report, IReadOnlyDictionary<string, string>? given = null)
{

    private readonly SpotApiClient _spot = spot ?? throw new ArgumentNullException(nameof(spot));
    private readonly OrgStateWriter _state = state ?? throw new ArgumentNullException(nameof(state));
    private readonly TimeProvider _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    private readonly Action<string> _report = report ?? throw new ArgumentNullException(nameof(report));
    private readonly ConcurrentDictionary<string, OrgPrepareAction> _actions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _newExternalIds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _unknownCreates = new();
    private readonly ConcurrentDictionary<string, bool> _claimed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _unrecorded = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _given = given ?? new Dictionary<string, string>();

    /// <summary>How a step's progress is shown; default: plain lines through the report (<see cref="OrgProgress"/>).</summary>
    public OrgProgressStart? Progress { get; init; }

    /// <summary>Prepares every active account of the organization; the state is saved as it goes and at the end (also when the run fails or is cancelled).</summary>
    /// <param name="callAs">Whom the StackSets are managed as: from a delegated administrator the management account is left to <c>spot-connect link</c>.</param>
    /// <param name="concurrency">How many accounts are worked on at once.</param>
    /// <param name="cancellation">Stops the run (the state stays whole and holds every create that finished).</param>
    public async Task<OrgPrepareResult> RunAsync(OrgCallAs callAs, int concurrency, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        try
        {
            await PrepareAllAsync(callAs, concurrency, cancellation);
        }
        finally
        {
            // Also on an exception or Ctrl+C: every create that finished is recorded, not only its started mark.
            await _state.SaveAsync(CancellationToken.None);
        }

        var final = _state.Current;
        return new OrgPrepareResult(final, final.Accounts
            .Select(a => new OrgPrepareOutcome(a.AwsAccountId, _actions.GetValueOrDefault(a.AwsAccountId, OrgPrepareAction.Known), _newExternalIds.ContainsKey(a.AwsAccountId)))
            .ToList(), new SortedDictionary<string, string>(_unrecorded, StringComparer.Ordinal));
    }

    private async Task PrepareAllAsync(OrgCallAs callAs, int concurrency, CancellationToken cancellation)
    {
        var state = _state.Current;
        var spotAccounts = await _spot.ListAccountsAsync(cancellation);
        _report($"Spot: {spotAccounts.Count} accounts in the Spot organization");
        CheckGiven(state, spotAccounts);
        foreach (var id in state.Accounts.Select(a => a.SpotAccountId).OfType<string>())
        {
            _claimed[id] = true;
        }

        // Accounts with a started create first: the account their create made is theirs before a same-named account may take it.
        var needsWork = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in state.Accounts.OrderBy(a => a.SpotAccountCreateStartedAt is null))
        {
            if (Skip(state, account, callAs) is { } skipped)
            {
                _actions[account.AwsAccountId] = skipped;
            }
            else if (Resolve(account, spotAccounts))
            {
                needsWork.Add(account.AwsAccountId);
            }
        }

        await _state.SaveAsync(cancellation);
        var todo = state.Accounts.Select(a => a.AwsAccountId).Where(needsWork.Contains).ToList();
        using (var progress = StartProgress("prepare", todo.Count))
        {
            await ForEachAsync(todo, concurrency, progress, cancellation);
        }

        await AdoptUnknownCreatesAsync(concurrency, cancellation);
    }

    private OrgPrepareAction? Skip(OrgState state, OrgAccount account, OrgCallAs callAs)
    {
        if (!account.InOrganization)
        {
            return OrgPrepareAction.NotInOrganization;
        }

        if (!account.IsActiveMember)
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

    /// <summary>Finds the account's Spot account without creating anything (sequential: claims are made in a fixed order).</summary>
    /// <returns>Whether the account still needs work (a create or an external id).</returns>
    private bool Resolve(OrgAccount account, IReadOnlyList<SpotAccount> spotAccounts)
    {
        var id = account.AwsAccountId;
        if (account.SpotAccountDeleteStartedAt is not null || account.SpotAccountDeletedAt is not null)
        {
            if (!StartOverAfterDelete(account, spotAccounts))
            {
                return false;
            }

            account = _state.Account(id);
        }

        var given = _given.GetValueOrDefault(id);
        if (given is not null && account.SpotAccountId is { } recorded && recorded != given)
        {
            Fail(id, $"--spot-account gives {given}, but the state records {recorded} for it: SpotConnect does not swap a recorded Spot account. Leave it out of --spot-account, or remove spotAccountId from this account in the state file.");
            return false;
        }

        var name = account.SpotAccountCreateStartedAt is not null && account.SpotAccountName is { } createdWith ? createdWith : OrgSpotNames.For(id, account.Name);
        var match = SpotAccountFinder.Find(id, account.SpotAccountId is null ? given : null, account.SpotAccountId, account.SpotAccountCreateStartedAt, name, spotAccounts, _claimed.ContainsKey);
        switch (match.Finding)
        {
            case SpotAccountFinding.Recorded:
                _actions[id] = OrgPrepareAction.Known;
                return account.ExternalId is null;
            case SpotAccountFinding.RecordedMissing:
                Fail(id, $"the Spot account {account.SpotAccountId} recorded in the state is not in Spot's account list (deleted?); to create a new one, remove spotAccountId from this account in the state file.");
                return false;
            case SpotAccountFinding.Given:
                Claim(id, match, OrgPrepareAction.Given);
                break;
            case SpotAccountFinding.Connected:
                Claim(id, match, OrgPrepareAction.Matched);
                break;
            case SpotAccountFinding.MadeByStartedCreate:
                _report($"{id}: the create started {account.SpotAccountCreateStartedAt:u} made {match.Account!.Id} ('{name}'); using it");
                Claim(id, match, OrgPrepareAction.Adopted);
                break;
            case SpotAccountFinding.Ambiguous:
                FailAmbiguous(account, match.Candidates);
                return false;
            case SpotAccountFinding.Unrecorded when match.Candidates.Count == 1:
                _unrecorded[id] = match.Candidates[0].Id;
                Fail(id, $"an unconnected Spot account named '{name}' exists ({match.Candidates[0].Id}) and the state records no create of it (a lost or older state file? restore it from Git): SpotConnect never takes a Spot account it did not create or was not given. To use it, run again with --spot-account {id}={match.Candidates[0].Id}; to have a new one created, rename or delete it in Spot.");
                return false;
            case SpotAccountFinding.Unrecorded:
                Fail(id, $"unconnected Spot accounts named '{name}' exist ({string.Join(", ", match.Candidates.Select(c => c.Id))}) and the state records no create of any: SpotConnect never takes a Spot account it did not create or was not given. Give the right one with --spot-account {id}=act-…, or rename or delete the others in Spot.");
                return false;
        }

        return true; // to create, or to get its external id
    }

    /// <summary>
    /// An account whose Spot account <c>org prune</c> deleted (or started to delete) is <c>ACTIVE</c> in the
    /// organization again: once the old Spot account is confirmed gone (recorded, or no longer in Spot's list), its
    /// Spot fields are cleared and it is prepared like a new account. While the delete's outcome is unknown and the
    /// account is still listed, nothing is created and the account fails with what to do.
    /// </summary>
    /// <returns>Whether the account may be prepared now.</returns>
    private bool StartOverAfterDelete(OrgAccount account, IReadOnlyList<SpotAccount> spotAccounts)
    {
        var id = account.AwsAccountId;
        var old = account.SpotAccountId;
        if (account.SpotAccountDeletedAt is null && old is not null && spotAccounts.Any(s => s.Id == old))
        {
            Fail(id, $"ACTIVE in the organization again, but `org prune` started deleting its Spot account {old} ({account.SpotAccountDeleteStartedAt:u}) and the outcome is unknown: nothing is created for it meanwhile. Finish the delete with `spot-connect org prune --accounts FILE --delete-spot-accounts --yes`, or, to keep using {old}, remove spotAccountDeleteStartedAt from this account in the state file; then run again.");
            return false;
        }

        _report($"{id}: ACTIVE in the organization again; its Spot account {old ?? "-"} was deleted by `org prune`: preparing it as a new account");
        _state.Update(id, a => a with
        {
            SpotAccountId = null,
            SpotAccountName = null,
            SpotAccountCreated = false,
            SpotAccountSource = null,
            SpotAccountCreateStartedAt = null,
            SpotAccountDeleteStartedAt = null,
            SpotAccountDeletedAt = null,
            ExternalId = null,
            RoleArn = null,
            RegisteredAt = null,
            LastError = null,
        });
        return true;
    }

    private void FailAmbiguous(OrgAccount account, IReadOnlyList<SpotAccount> candidates) =>
        Fail(account.AwsAccountId, $"{candidates.Count} unconnected Spot accounts named '{candidates[0].Name}' could be this account's ({string.Join(", ", candidates.Select(c => c.Id))}); nothing is created while it is unclear. Set spotAccountId of {account.AwsAccountId} in the state file to the right one (or delete the others in Spot), then run again.");

    private void Claim(string awsAccountId, SpotAccountMatch match, OrgPrepareAction action)
    {
        var spotAccount = match.Account!;
        _claimed[spotAccount.Id] = true;
        _actions[awsAccountId] = action;
        _state.Update(awsAccountId, a => a with
        {
            SpotAccountId = spotAccount.Id,
            SpotAccountName = spotAccount.Name,
            SpotAccountCreated = match.CreatedBySpotConnect,
            SpotAccountSource = match.Source,
            SpotAccountCreateStartedAt = null,
            LastError = null,
        });
    }

    /// <summary>Every <c>--spot-account</c> pair at once, before anything is claimed or created: an account of the state, a Spot account of the list, not connected to another AWS account, not given twice.</summary>
    /// <exception cref="Validation.SpotConnectValidationException">A pair is wrong.</exception>
    private void CheckGiven(OrgState state, IReadOnlyList<SpotAccount> spotAccounts)
    {
        var problems = new List<Validation.ValidationProblem>();
        foreach (var (aws, act) in _given.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var pair = $"{aws}={act}";
            if (state.Accounts.All(a => a.AwsAccountId != aws))
            {
                problems.Add(new(SpotAccountFinder.GivenOption, pair, $"{aws} is not an account of the state (of the accounts file, less --exclude)."));
                continue;
            }

            if (state.Accounts.FirstOrDefault(a => a.AwsAccountId != aws && a.SpotAccountId == act && a.SpotAccountDeletedAt is null) is { } holder)
            {
                problems.Add(new(SpotAccountFinder.GivenOption, pair, $"the state records {act} as the Spot account of {holder.AwsAccountId}: one Spot account belongs to one AWS account."));
                continue;
            }

            try
            {
                _ = SpotAccountFinder.Find(aws, act, null, null, string.Empty, spotAccounts);
            }
            catch (Validation.SpotConnectValidationException e)
            {
                problems.AddRange(e.Problems.Select(p => p with { Value = pair }));
            }
        }

        foreach (var twice in _given.GroupBy(g => g.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new(SpotAccountFinder.GivenOption, string.Join(",", twice.Select(g => $"{g.Key}={g.Value}")), "one Spot account can be given to one AWS account only."));
        }

        if (problems.Count > 0)
        {
            throw new Validation.SpotConnectValidationException(problems);
        }
    }

    private async Task ForEachAsync(IReadOnlyList<string> accountIds, int concurrency, IOrgProgress progress, CancellationToken cancellation)
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
            _claimed[created.Id] = true;
            _actions[id] = OrgPrepareAction.Created;
            _state.Update(id, a => a with { SpotAccountId = created.Id, SpotAccountName = created.Name, SpotAccountCreated = true, SpotAccountSource = SpotAccountSources.Created, SpotAccountCreateStartedAt = null, LastError = null });
            return true;
        }
        catch (SpotApiException e) when (IsRefusal(e.Status))
        {
            // A definite "not created" (a 429 only after its retries).
            _state.Update(id, a => a with { SpotAccountCreateStartedAt = null });
            if (e.Status is 401 or 403)
            {
                throw; // the token: no other account can do better
            }

            Fail(id, $"creating the Spot account '{name}' was refused: {e.Message}");
            return false;
        }
        catch (Exception e) when (IsUnknownOutcome(e, cancellation))
        {
            _unknownCreates.Enqueue(id);
            Fail(id, $"creating the Spot account '{name}' had an unknown outcome ({Describe(e)}): Spot may still make it, so it is not sent again in this run; the next run will look for it in Spot's account list before creating. Run the same command again later.");
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
        catch (Exception e) when (e is not SpotApiException { Status: 401 or 403 } && IsUnknownOutcome(e, cancellation))
        {
            Fail(id, $"getting an external id for {spotAccountId} failed: {Describe(e)}. Run the same command again.");
        }
    }

    /// <summary>
    /// Creates whose outcome was unknown: Spot's list is read once more, at the end of the run, and what appeared is
    /// adopted (then gets its external id). Nothing is created again in this run: Spot may commit a create after
    /// any list, so the rest keep their started mark and the next run looks again before creating.
    /// </summary>
    private async Task AdoptUnknownCreatesAsync(int concurrency, CancellationToken cancellation)
    {
        var unknown = _unknownCreates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        _unknownCreates.Clear();
        if (unknown.Count == 0)
        {
            return;
        }

        _report($"Spot: {unknown.Count} create(s) with an unknown outcome; listing Spot's accounts once more to adopt what Spot made (no create is sent again in this run)");
        var spotAccounts = await _spot.ListAccountsAsync(cancellation);
        var adopted = new List<string>();
        foreach (var id in unknown)
        {
            var account = _state.Account(id);
            var match = SpotAccountFinder.Find(id, null, null, account.SpotAccountCreateStartedAt, account.SpotAccountName!, spotAccounts, _claimed.ContainsKey);
            if (match.Finding == SpotAccountFinding.Ambiguous)
            {
                FailAmbiguous(account, match.Candidates);
            }
            else if (match.Finding == SpotAccountFinding.MadeByStartedCreate)
            {
                _report($"{id}: the create did make {match.Account!.Id} ('{match.Account.Name}'); using it");
                Claim(id, match, OrgPrepareAction.Created);
                adopted.Add(id);
            }
        }

        await _state.SaveAsync(cancellation);
        using var progress = StartProgress("prepare (external ids of adopted creates)", adopted.Count);
        await ForEachAsync(adopted, concurrency, progress, cancellation);
    }

    private IOrgProgress StartProgress(string step, int total) =>
        Progress?.Invoke(step, total) ?? new OrgProgress(step, total, _report);

    private void Fail(string id, string message)
    {
        _actions[id] = OrgPrepareAction.Failed;
        _state.Update(id, a => a with { LastError = message });
        _report($"{id}: {message}");
    }

    /// <summary>Answers that clearly mean Spot created nothing: bad request, token, not found, conflict, validation, rate limit.</summary>
    private static bool IsRefusal(int status) => status is 400 or 401 or 403 or 404 or 409 or 422 or 429;

    /// <summary>Anything else but the user's Ctrl+C: a 5xx, 408, 499, a success without an account, a timeout or a network fault.</summary>
    private static bool IsUnknownOutcome(Exception e, CancellationToken cancellation) =>
        e is HttpRequestException or SpotApiException || (e is OperationCanceledException && !cancellation.IsCancellationRequested);

    private static string Describe(Exception e) => e switch
    {
        TaskCanceledException => "no answer in time",
        _ => e.Message,
    };
}
