using System.Diagnostics;
using System.Text.Json.Nodes;
using SpotConnect.Spot;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Link;

/// <summary>What to deploy: the stack, the SpotConnect project that holds the app, and the context (<c>spot:*</c> keys) to synthesize it with.</summary>
internal sealed record DeployRequest(string StackName, string ProjectDirectory, IReadOnlyList<KeyValuePair<string, string>> Context)
{
    /// <summary>The value passed for a context key, or <see langword="null"/>.</summary>
    public string? ContextValue(string key) => Context.LastOrDefault(kv => kv.Key == key).Value;
}

/// <summary>Deploys a stack of the SpotConnect app and returns its outputs (name → value); destroys one.</summary>
internal interface IStackDeployer
{
    Task<IReadOnlyDictionary<string, string>> DeployAsync(DeployRequest request, Action<string> report, CancellationToken cancellation);

    /// <summary>Deletes the stack <see cref="DeployRequest.StackName"/> (the context selects the same stack as its deploy).</summary>
    Task DestroyAsync(DeployRequest request, Action<string> report, CancellationToken cancellation) =>
        throw new NotSupportedException($"{GetType().Name} cannot destroy stacks.");
}

/// <summary>
/// Runs the pinned CDK CLI (<c>node_modules/.bin/cdk deploy</c>) in the SpotConnect project, with the
/// settings as context and an outputs file. The child process never sees the Spot token.
/// </summary>
internal sealed class CdkStackDeployer : IStackDeployer
{
    public async Task<IReadOnlyDictionary<string, string>> DeployAsync(DeployRequest request, Action<string> report, CancellationToken cancellation)
    {
        var folder = Directory.CreateTempSubdirectory("spot-connect-deploy-");
        try
        {
            var outputs = Path.Combine(folder.FullName, "outputs.json");
            await RunCdkAsync(request, ["deploy", request.StackName, "--require-approval", "never", "--outputs-file", outputs], report, cancellation);
            var stack = JsonNode.Parse(await File.ReadAllTextAsync(outputs, cancellation))?[request.StackName] as JsonObject
                ?? throw new InvalidOperationException($"cdk deploy wrote no outputs for {request.StackName}.");
            return stack.Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true); // the outputs are read; nothing of the deploy stays behind
        }
    }

    /// <summary><c>cdk destroy --force &lt;stack&gt;</c> with the same context as the deploy (so the app names the same stack).</summary>
    public Task DestroyAsync(DeployRequest request, Action<string> report, CancellationToken cancellation) =>
        RunCdkAsync(request, ["destroy", "--force", request.StackName], report, cancellation);

    private static async Task RunCdkAsync(DeployRequest request, IReadOnlyList<string> arguments, Action<string> report, CancellationToken cancellation)
    {
        var cdk = Path.Combine(request.ProjectDirectory, "node_modules", ".bin", OperatingSystem.IsWindows() ? "cdk.cmd" : "cdk");
        if (!File.Exists(Path.Combine(request.ProjectDirectory, "cdk.json")) || !File.Exists(cdk))
        {
            throw new SpotConnectValidationException(new ValidationProblem("--project", request.ProjectDirectory,
                "must be the SpotConnect repository (cdk.json) with its npm tools installed (run `npm ci` there once)."));
        }

        var info = new ProcessStartInfo(cdk) { WorkingDirectory = request.ProjectDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in request.Context)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add($"{key}={value}");
        }

        info.Environment.Remove(SpotToken.EnvironmentVariable);

        // The app synthesizes exactly what the command resolved (passed as -c): a SPOT_* variable of the caller's
        // environment, which the app would read as a setting's fallback, must not change it behind the command's back.
        foreach (var variable in Settings.SpotSettings.All.Select(s => s.EnvironmentVariable).OfType<string>())
        {
            info.Environment.Remove(variable);
        }
        info.Environment["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the CDK CLI");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) report("cdk: " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) report("cdk: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(cancellation);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cdk {arguments[0]} failed with exit code {process.ExitCode} (see its output above).");
        }
    }
}
