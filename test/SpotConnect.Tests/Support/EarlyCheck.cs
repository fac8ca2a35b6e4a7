namespace SpotConnect.Tests.Support;

/// <summary>
/// A check a fixture of <see cref="JsiiCollection"/> hands to another process: started before the collection's first
/// test when the run asks for it (<c>npm test</c> without a filter sets <c>SPOTCONNECT_EAGER_CHECKS=1</c>), so the
/// other process works beside the CDK tests; otherwise started by the first test that reads it (a filtered run pays
/// only for the checks it selects). A failure to start is kept and thrown to the tests that read the result, never to
/// the whole collection.
/// </summary>
/// <typeparam name="T">The check's result.</typeparam>
/// <param name="start">Prepares the check on the calling (jsii) thread and returns the other process's answer.</param>
internal sealed class EarlyCheck<T>
{
    private readonly Lock _gate = new();
    private readonly Func<Task<T>> _start;
    private Task<T>? _result;

    /// <summary>Creates the check, and starts it at once when the run asks for early checks.</summary>
    public EarlyCheck(Func<Task<T>> start)
    {
        _start = start;
        if (Environment.GetEnvironmentVariable("SPOTCONNECT_EAGER_CHECKS") == "1")
        {
            Start();
        }
    }

    /// <summary>The check's result (starts it first if no one has).</summary>
    public T Result
    {
        get
        {
            Start();
            return _result!.GetAwaiter().GetResult();
        }
    }

    /// <summary>Starts the check once.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_result is not null)
            {
                return;
            }

            try
            {
                _result = _start();
            }
#pragma warning disable CA1031 // Kept for the tests that read the result: a fixture that throws fails the whole collection.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _result = Task.FromException<T>(e);
            }
        }
    }
}
