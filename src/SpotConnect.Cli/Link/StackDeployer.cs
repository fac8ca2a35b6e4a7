using System.Diagnostics;
using System.Text.Json.Nodes;
using SpotConnect.Cli.Project;
using SpotConnect.Settings;
using SpotConnect.Spot;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Link;

/// <summary>
/// What to deploy: the stack, the project that holds the app, the context (<c>spot:*</c> keys) to synthesize it with,
/// and the fingerprint of what the command resolved (<see cref="SpotLinkSpec.Fingerprint"/>), which the synthesized
/// stack must carry before it is deployed.
/// </summary>
internal sealed record DeployRequest(string StackName, string ProjectDirectory, IReadOnlyList<KeyValuePair<string, string>> Context, string? Fingerprint = null)
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
/// Runs the project's pinned CDK CLI (<c>node_modules/.bin/cdk</c>): synthesizes the app with the settings as context
/// into a cloud assembly of its own, checks that the stack there was built by this SpotConnect version from exactly what
/// the command resolved, then deploys that very assembly (<c>cdk deploy --app &lt;assembly&gt;</c>), so nothing can be
/// resolved differently between the check and the deploy. The child process never sees the Spot token.
/// </summary>
internal sealed class CdkStackDeployer : IStackDeployer
{
    public async Task<IReadOnlyDictionary<string, string>> DeployAsync(DeployRequest request, Action<string> report, CancellationToken cancellation)
    {
        var folder = Directory.CreateTempSubdirectory("spot-connect-deploy-");
        try
        {
            var assembly = Path.Combine(folder.FullName, "cdk.out");
            var outputs = Path.Combine(folder.FullName, "outputs.json");
            await RunCdkAsync(request, ["synth", request.StackName, "--quiet", "--output", assembly], withContext: true, report, cancellation);
            CheckAssembly(request, assembly);
            report($"the synthesized {request.StackName} is SpotConnect {SpotProject.ToolVersion}'s and holds exactly what was resolved: deploying that assembly");
            await RunCdkAsync(request, ["deploy", request.StackName, "--app", assembly, "--require-approval", "never", "--outputs-file", outputs], withContext: false, report, cancellation);
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
        RunCdkAsync(request, ["destroy", "--force", request.StackName], withContext: true, report, cancellation);

    /// <summary>
    /// The stack in the synthesized assembly must be SpotConnect's, of this tool's version, and carry the fingerprint the
    /// command resolved: anything else is refused before a deploy starts.
    /// </summary>
    /// <exception cref="SpotConnectValidationException">The assembly holds another version's stack, or other resources.</exception>
    internal static void CheckAssembly(DeployRequest request, string assembly)
    {
        var manifestPath = Path.Combine(assembly, "manifest.json");
        var manifest = File.Exists(manifestPath) ? JsonNode.Parse(File.ReadAllText(manifestPath)) : null;
        var artifact = manifest?["artifacts"]?[request.StackName];
        if (artifact is null)
        {
            var found = manifest?["artifacts"]?.AsObject().Where(a => a.Value?["type"]?.GetValue<string>() == "aws:cloudformation:stack").Select(a => a.Key).ToArray() ?? [];
            throw Invalid(request, $"its app synthesized no stack named {request.StackName} (it synthesized {(found.Length == 0 ? "no stack" : string.Join(", ", found))}). Does its Program.cs name the stack in code? The stack name belongs in cdk.json (spot:stackName), where the tool reads it. Nothing was deployed.");
        }

        var metadata = artifact["metadata"]?[$"/{request.StackName}"]?.AsArray() ?? [];
        string? Entry(string type) => metadata.FirstOrDefault(m => m?["type"]?.GetValue<string>() == type)?["data"]?.GetValue<string>();
        var version = Entry(SpotStackMetadata.VersionType);
        if (version is null)
        {
            throw Invalid(request, $"the stack {request.StackName} its app synthesized is not a SpotConnect stack (no {SpotStackMetadata.VersionType} in the cloud assembly).");
        }

        if (version != SpotProject.ToolVersion)
        {
            throw Invalid(request, SpotProject.OtherVersion($"synthesized {request.StackName} with", version));
        }

        if (request.Fingerprint is { } expected && Entry(SpotStackMetadata.FingerprintType) is var actual && actual != expected)
        {
            actual ??= "none";
            throw Invalid(request,
                $"its app synthesized {request.StackName} with other resources than this command resolved from the state, cdk.json and the options (fingerprint {actual[..Math.Min(actual.Length, 19)]}…, expected {expected[..Math.Min(expected.Length, 19)]}…). Does its Program.cs change the settings in code? Put them in cdk.json → context, where every command reads them. Nothing was deployed.");
        }
    }

    private static SpotConnectValidationException Invalid(DeployRequest request, string rule) =>
        new(new ValidationProblem(SpotProject.Option, request.ProjectDirectory, rule));

    private static async Task RunCdkAsync(DeployRequest request, IReadOnlyList<string> arguments, bool withContext, Action<string> report, CancellationToken cancellation)
    {
        var cdk = Path.Combine(request.ProjectDirectory, "node_modules", ".bin", OperatingSystem.IsWindows() ? "cdk.cmd" : "cdk");
        if (!File.Exists(Path.Combine(request.ProjectDirectory, CdkProject.FileName)) || !File.Exists(cdk))
        {
            throw new SpotConnectValidationException(new ValidationProblem(SpotProject.Option, request.ProjectDirectory,
                "must be a connection project (cdk.json) with its npm tools installed: run `npm ci` there once (its `npm run synth` does it)."));
        }

        var info = new ProcessStartInfo(cdk) { WorkingDirectory = request.ProjectDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (withContext)
        {
            foreach (var (key, value) in request.Context)
            {
                info.ArgumentList.Add("-c");
                info.ArgumentList.Add($"{key}={value}");
            }
        }

        info.Environment.Remove(SpotToken.EnvironmentVariable);

        // The app synthesizes exactly what the command resolved (passed as -c): a SPOT_* variable of the caller's
        // environment, which the app would read as a setting's fallback, must not change it behind the command's back.
        foreach (var variable in SpotSettings.All.Select(s => s.EnvironmentVariable).OfType<string>())
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
