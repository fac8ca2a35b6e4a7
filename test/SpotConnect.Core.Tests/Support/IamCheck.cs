using System.Text.Json.Nodes;

namespace SpotConnect.Tests.Support;

/// <summary>Runs tools/iam-check/iam-check.mjs (Node, with the npm packages `npm test` installs).</summary>
internal static class IamCheck
{
    public static JsonObject Run(JsonObject input)
    {
        var script = Path.Combine(Repo.Root, "tools", "iam-check", "iam-check.mjs");
        var modules = Path.Combine(Repo.Root, "node_modules", "@cloud-copilot", "iam-simulate");
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException("The npm test tools are not installed. Run the tests with `npm test` (it runs `npm ci` first), or run `npm ci` once.");
        }

        var folder = Scratch.Folder("spotconnect-iam-");
        var file = Path.Combine(folder.FullName, "input.json");
        File.WriteAllText(file, input.ToJsonString());
        var result = ProcessRunner.Run("node", [script, file], new Dictionary<string, string?>(), timeoutSeconds: 300);
        Scratch.Delete(folder);
        Assert.True(result.ExitCode == 0, "iam-check failed: " + result.StdErr);
        return JsonNode.Parse(result.StdOut)!.AsObject();
    }
}
