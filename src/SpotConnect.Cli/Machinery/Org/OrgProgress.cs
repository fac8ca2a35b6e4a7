namespace SpotConnect.Org;

/// <summary>Counts accounts done by concurrent workers and reports a plain line about every 5% (and the last one), in order: the progress of redirected output and CI logs.</summary>
/// <param name="step">What is being done, e.g. "prepare".</param>
/// <param name="total">How many accounts there are to do.</param>
/// <param name="report">Where progress lines go (stderr).</param>
internal sealed class OrgProgress(string step, int total, Action<string> report) : IOrgProgress
{
    private readonly object _gate = new();
    private int _done;
    private int _failed;

    /// <summary>One account is done.</summary>
    public void Done(bool failed)
    {
        lock (_gate)
        {
            _done++;
            _failed += failed ? 1 : 0;
            if (_done % Math.Max(1, total / 20) == 0 || _done == total)
            {
                report($"{step}: {_done}/{total} accounts done" + (_failed > 0 ? $", {_failed} failed" : string.Empty));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Plain lines: nothing to close.
    }
}
