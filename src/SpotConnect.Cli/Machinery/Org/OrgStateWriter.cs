namespace SpotConnect.Org;

/// <summary>
/// The org state while a command works on many accounts at once: changes are applied in memory under a lock and
/// saved atomically by one writer at a time. Saves coalesce: a caller that asks for a save while another is
/// writing gets the next write, which holds every change made until then, so thousands of accounts cost far
/// fewer writes than changes.
/// </summary>
internal sealed class OrgStateWriter : IDisposable
{
    private readonly string _path;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly Dictionary<string, OrgAccount> _accounts;
    private OrgState _header;
    private long _version;
    private long _saved;
    private readonly TimeProvider _clock;
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;

    /// <summary>Starts from <paramref name="state"/>, saving to <paramref name="path"/>; the age of the last write is measured on <paramref name="clock"/> (default: the system's).</summary>
    public OrgStateWriter(string path, OrgState state, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(state);
        _path = path;
        _clock = clock ?? TimeProvider.System;
        _header = state with { Accounts = [] };
        _accounts = state.Accounts.ToDictionary(a => a.AwsAccountId, StringComparer.Ordinal);
        _version = 1;
    }

    /// <summary>How many times the file was written.</summary>
    public int Writes { get; private set; }

    /// <summary>The state with every change so far.</summary>
    public OrgState Current
    {
        get
        {
            lock (_gate)
            {
                return Snapshot();
            }
        }
    }

    /// <summary>One account as it is now.</summary>
    public OrgAccount Account(string awsAccountId)
    {
        lock (_gate)
        {
            return _accounts[awsAccountId];
        }
    }

    /// <summary>Changes one account in memory (saved by the next <see cref="SaveAsync"/>).</summary>
    public OrgAccount Update(string awsAccountId, Func<OrgAccount, OrgAccount> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var changed = change(_accounts[awsAccountId]);
            _accounts[awsAccountId] = changed;
            _version++;
            return changed;
        }
    }

    /// <summary>Replaces the whole state in memory (saved by the next <see cref="SaveAsync"/>).</summary>
    public void Replace(OrgState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            _header = state with { Accounts = [] };
            _accounts.Clear();
            foreach (var account in state.Accounts)
            {
                _accounts[account.AwsAccountId] = account;
            }

            _version++;
        }
    }

    /// <summary>Returns once the file holds every change made before the call (atomically written).</summary>
    public async Task SaveAsync(CancellationToken cancellation = default)
    {
        long wanted;
        lock (_gate)
        {
            wanted = _version;
        }

        await _write.WaitAsync(cancellation);
        try
        {
            if (Volatile.Read(ref _saved) >= wanted)
            {
                return; // a write that started after our change already holds it
            }

            OrgState snapshot;
            long version;
            lock (_gate)
            {
                snapshot = Snapshot();
                version = _version;
            }

            // The write is not cancelled halfway: the state must always be whole.
            await Task.Run(() => OrgStateStore.Save(_path, snapshot), CancellationToken.None);
            Volatile.Write(ref _saved, version);
            Writes++;
            lock (_gate)
            {
                _lastWrite = _clock.GetUtcNow();
            }
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>Saves when there are unsaved changes and the last write is older than <paramref name="maxAge"/>.</summary>
    public Task SaveIfOlderThanAsync(TimeSpan maxAge, CancellationToken cancellation = default)
    {
        bool stale;
        lock (_gate)
        {
            stale = Volatile.Read(ref _saved) < _version && _clock.GetUtcNow() - _lastWrite > maxAge;
        }

        return stale ? SaveAsync(cancellation) : Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _write.Dispose();

    private OrgState Snapshot() =>
        _header with { Accounts = _accounts.Values.OrderBy(a => a.AwsAccountId, StringComparer.Ordinal).ToList() };
}
