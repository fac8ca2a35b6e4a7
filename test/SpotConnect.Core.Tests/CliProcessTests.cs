using System.Text.Json.Nodes;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>The built spot-connect program, as a user runs it.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public void Bundles_and_policy_run_without_Node_on_the_PATH()
    {
        // jsii would need `node` to start the CDK: with no Node reachable, only a pure C# command can succeed.
        var env = new Dictionary<string, string?> { ["PATH"] = Path.GetDirectoryName(Environment.ProcessPath) ?? "/usr/bin", ["NODE_OPTIONS"] = null };
        var dotnet = Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? Environment.ProcessPath : "dotnet";
        var policy = ProcessRunner.Run(dotnet, [Repo.ProjectOutput("SpotConnect.Cli", "spot-connect.dll"), "policy", "--bundles", "ocean,ocean.eks"], env);
        Assert.True(policy.ExitCode == 0, policy.StdErr);
        Assert.Equal("Spot-Policy", JsonNode.Parse(policy.StdOut)![0]!["name"]!.GetValue<string>());

        var bundles = ProcessRunner.Run(dotnet, [Repo.ProjectOutput("SpotConnect.Cli", "spot-connect.dll"), "bundles"], env);
        Assert.True(bundles.ExitCode == 0, bundles.StdErr);
        Assert.Contains("ocean.eks", bundles.StdOut, StringComparison.Ordinal);
        var bundlesJson = ProcessRunner.Run(dotnet, [Repo.ProjectOutput("SpotConnect.Cli", "spot-connect.dll"), "bundles", "--json"], env);
        Assert.Equal(14, JsonNode.Parse(bundlesJson.StdOut)!.AsArray().Count);

        var bad = ProcessRunner.Run(dotnet, [Repo.ProjectOutput("SpotConnect.Cli", "spot-connect.dll"), "policy", "--partition", "moon"], env);
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal(string.Empty, bad.StdOut);
        Assert.Contains("--partition: 'moon' is invalid", bad.StdErr, StringComparison.Ordinal);
    }
}
