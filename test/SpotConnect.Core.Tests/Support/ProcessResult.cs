namespace SpotConnect.Tests.Support;

/// <summary>The outcome of a child process.</summary>
internal sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);
