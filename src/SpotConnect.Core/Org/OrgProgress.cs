namespace SpotConnect.Org;

/// <summary>Counts accounts done by concurrent workers and reports about every 5% (and the last one).</summary>
/// <param name="Step">What is being done, e.g. "prepare".</param>
/// <param name="Total">How many accounts there are to do.</param>
/// <param name="Report">Where progress lines go (stderr).</param>
public sealed record OrgProgress(string Step, int Total, Action<string> Report)
{
    private int _done;
    private int _failed;

    /// <summary>One account is done.</summary>
    public void Done(bool failed)
    {
        var failures = failed ? Interlocked.Increment(ref _failed) : Volatile.Read(ref _failed);
        var done = Interlocked.Increment(ref _done);
        var every = Math.Max(1, Total / 20);
        if (done % every == 0 || done == Total)
        {
            Report($"{Step}: {done}/{Total} accounts done" + (failures > 0 ? $", {failures} failed" : string.Empty));
        }
    }
}
