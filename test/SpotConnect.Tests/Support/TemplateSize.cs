using System.Text.Json.Nodes;

namespace SpotConnect.Tests.Support;

/// <summary>Runs <c>tools/template-size</c>: a template's size as the AWS CDK CLI measures it (YAML, yaml 1.10.2).</summary>
internal static class TemplateSize
{
    /// <summary>The CLI's measure of each template, in the order given.</summary>
    public static IReadOnlyList<int> CdkCli(params JsonObject[] templates)
    {
        var folder = Scratch.Folder("spotconnect-size-");
        var directory = folder.FullName;
        var files = templates.Select((t, i) =>
        {
            var file = Path.Combine(directory, $"{i}.json");
            File.WriteAllText(file, t.ToJsonString());
            return file;
        }).ToArray();
        var result = ProcessRunner.Run("node", [Path.Combine(Repo.Root, "tools", "template-size", "template-size.mjs"), .. files], new Dictionary<string, string?>(), timeoutSeconds: 120);
        Scratch.Delete(folder);
        Assert.True(result.ExitCode == 0, "template-size failed: " + result.StdErr);
        return JsonNode.Parse(result.StdOut)!.AsArray().Select(r => r!["yaml"]!.GetValue<int>()).ToArray();
    }
}
