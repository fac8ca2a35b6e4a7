using System.Text.Json.Nodes;
using SpotConnect.Cli;

namespace SpotConnect.Tests.Support;

/// <summary>Runs spot-connect in-process and captures what it wrote.</summary>
internal static class CliRunner
{
    public static ProcessResult Run(params string[] args) => RunIn(Directory.GetCurrentDirectory(), args);

    public static ProcessResult RunIn(string workingDirectory, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr, workingDirectory);
        return new ProcessResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The JSON array a successful command printed; fails the test if it did not succeed silently.</summary>
    public static JsonArray Json(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(string.Empty, result.StdErr);
        return JsonNode.Parse(result.StdOut)!.AsArray();
    }
}
