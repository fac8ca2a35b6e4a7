namespace SpotConnect.Org;

/// <summary>Counts the accounts of one step done by concurrent workers (thread-safe), for a person to watch; disposed when the step ends (also on a failure).</summary>
internal interface IOrgProgress : IDisposable
{
    /// <summary>One account is done.</summary>
    /// <param name="failed">Whether it failed.</param>
    void Done(bool failed);
}

/// <summary>Starts counting a step: <paramref name="step"/> (e.g. "prepare") of <paramref name="total"/> accounts.</summary>
internal delegate IOrgProgress OrgProgressStart(string step, int total);
