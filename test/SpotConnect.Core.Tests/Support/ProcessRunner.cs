using System.Diagnostics;

namespace SpotConnect.Tests.Support;

/// <summary>The outcome of a child process.</summary>
internal sealed record ProcessResult(int ExitCode, string StdOut, string StdErr);

/// <summary>Runs a child process with a controlled environment.</summary>
internal static class ProcessRunner
{
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null, int timeoutSeconds = 120)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in {timeoutSeconds} s");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
