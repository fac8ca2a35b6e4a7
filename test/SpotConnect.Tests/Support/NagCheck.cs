using System.Text.Json.Nodes;

namespace SpotConnect.Tests.Support;

/// <summary>Runs <c>tools/nag-check</c>: the real cdk-nag (npm, 2.x) AwsSolutions pack over synthesized templates.</summary>
internal static class NagCheck
{
    public static JsonArray Run(IEnumerable<string> templates)
    {
        var script = Path.Combine(Repo.Root, "tools", "nag-check", "nag-check.mjs");
        if (!Directory.Exists(Path.Combine(Repo.Root, "node_modules", "cdk-nag")))
        {
            throw new InvalidOperationException("The npm test tools are not installed. Run the tests with `npm test` (it runs `npm ci` first), or run `npm ci` once.");
        }

        var result = ProcessRunner.Run("node", [script, .. templates], new Dictionary<string, string?>(), timeoutSeconds: 300);
        Assert.True(result.ExitCode == 0, "nag-check failed: " + result.StdErr);
        return JsonNode.Parse(result.StdOut)!.AsArray();
    }
}
