using System.Diagnostics;

namespace SpotConnect.Tests.Support;

/// <summary>Runs a child process with a controlled environment.</summary>
internal static class ProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> to its end.</summary>
    /// <param name="background">
    /// Run it (and what it starts) at low CPU priority (<c>nice</c>, where there is one): for children no test in the
    /// serial CDK collection waits for, so that collection, the run's longest, gets the CPU first.
    /// </param>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null, int timeoutSeconds = 120, bool background = false)
    {
        var nice = background ? Nice.Value : null;
        var info = new ProcessStartInfo(nice ?? fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        if (nice is not null)
        {
            info.ArgumentList.Add("-n");
            info.ArgumentList.Add("10");
            info.ArgumentList.Add(fileName);
        }

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

    private static readonly Lazy<string?> Nice = new(() =>
        new[] { "/usr/bin/nice", "/bin/nice" }.FirstOrDefault(File.Exists));
}
