namespace SpotConnect.Cli;

/// <summary>The exit codes of <c>spot-connect</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>Any failure that is not the user's input.</summary>
    public const int Failure = 1;

    /// <summary>Invalid input: the message on stderr names the option, the value and the valid choices.</summary>
    public const int InvalidInput = 2;

    /// <summary>Spot or AWS refused a request (Spot's error code and message, and what to do, are on stderr).</summary>
    public const int Refused = 3;

    /// <summary><c>policy --compare --fail-on-change</c> found a difference.</summary>
    public const int Changed = 4;
}
