namespace SpotConnect.Org;

/// <summary>
/// Records creates as started, ahead of sending them, a batch at a time: one atomic save marks the next
/// <see cref="BatchSize"/> accounts (in the order the workers take them), so thousands of creates cost tens of
/// saves, and every create is on disk as started before its POST leaves. A mark whose create was never sent is
/// harmless: the next run finds no Spot account for it in the list and creates it then.
/// </summary>
internal sealed class OrgCreateStarts : IDisposable
{
    private readonly OrgStateWriter _state;
    private readonly IReadOnlyList<string> _order;
    private readonly Dictionary<string, int> _position;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _marked;

    /// <summary>Marks accounts of <paramref name="order"/> (those that will be created, in the workers' order) in <paramref name="state"/>.</summary>
    public OrgCreateStarts(OrgStateWriter state, IReadOnlyList<string> order, int batchSize, TimeProvider clock)
    {
        _state = state;
        _order = order;
        _position = order.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        BatchSize = Math.Max(1, batchSize);
        _clock = clock;
    }

    /// <summary>How many accounts one save marks.</summary>
    public int BatchSize { get; }

    /// <summary>Returns once the account's create is saved as started (with the name it is created with).</summary>
    public async Task EnsureStartedAsync(string awsAccountId, CancellationToken cancellation)
    {
        var position = _position[awsAccountId];
        if (position < Volatile.Read(ref _marked))
        {
            return;
        }

        await _gate.WaitAsync(cancellation);
        try
        {
            if (position < _marked)
            {
                return;
            }

            var now = _clock.GetUtcNow();
            var next = Math.Min(_order.Count, Math.Max(position + 1, _marked + BatchSize));
            for (var i = _marked; i < next; i++)
            {
                _state.Update(_order[i], a => a with { SpotAccountName = OrgSpotNames.For(a.AwsAccountId, a.Name), SpotAccountCreateStartedAt = now });
            }

            await _state.SaveAsync(cancellation);
            Volatile.Write(ref _marked, next);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
