using SpotConnect.Cli;
using SpotConnect.Spot;

namespace SpotConnect.Tests.Support;

/// <summary>
/// What the tests of the Spot API commands (<c>link</c>, <c>org</c>) share: the CLI run in-process against the
/// stubs on the stub's virtual time (every wait, timeout and timestamp on <see cref="SpotStub.Time"/>; nothing
/// sleeps), every output kept, and, at the end, the check that the token reached no output and no file of the
/// test's directory.
/// </summary>
internal sealed class SpotCliHarness(SpotStub stub, DirectoryInfo directory, RecordingDeployer deployer, TimeSpan propagationTimeout) : IDisposable
{
    /// <summary>The test's directory is a connection project the commands may deploy from (cdk.json, an app on this SpotConnect).</summary>
    public DirectoryInfo Project { get; } = ConnectionProjectFiles.Write(directory);

    public List<ProcessResult> Outputs { get; } = [];

    /// <summary>Another stand-in deployer to use instead of the recording one (e.g. one whose outputs follow the request).</summary>
    public SpotConnect.Cli.Link.IStackDeployer? Deployer { get; set; }

    /// <summary>How long one request may take, on the virtual clock.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock the CLI runs on.</summary>
    public VirtualClock Clock => stub.Time.Clock;

    public async Task<ProcessResult> RunAsync(Dictionary<string, string?> environment, CancellationToken cancellation, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = new CliServices
        {
            Environment = k => environment.GetValueOrDefault(k),
            HttpClient = () => stub.Time.HttpClient(HttpTimeout),
            Clock = stub.Time.Clock,
            Deployer = Deployer ?? deployer,
            Timing = new SpotApiTiming
            {
                TransientRetries = 3,
                TransientDelay = TimeSpan.FromMilliseconds(5),
                MaxDelay = TimeSpan.FromMilliseconds(20),
                PropagationTimeout = propagationTimeout,
                PropagationDelay = TimeSpan.FromMilliseconds(20),
                PropagationMaxDelay = TimeSpan.FromMilliseconds(80),
            },
        };
        var code = await stub.Time.RunAsync(() => CliApp.RunAsync(args, stdout, stderr, directory.FullName, services, cancellation));
        var result = new ProcessResult(code, stdout.ToString(), stderr.ToString());
        Outputs.Add(result);
        return result;
    }

    public ProcessResult Run(Dictionary<string, string?> environment, params string[] args) =>
        RunAsync(environment, CancellationToken.None, args).GetAwaiter().GetResult();

    public void Dispose()
    {
        // Whatever a test did, the token must never have been written anywhere.
        foreach (var output in Outputs)
        {
            Assert.DoesNotContain(SpotStub.Token, output.StdOut, StringComparison.Ordinal);
            Assert.DoesNotContain(SpotStub.Token, output.StdErr, StringComparison.Ordinal);
        }

        foreach (var file in directory.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(SpotStub.Token, File.ReadAllText(file.FullName), StringComparison.Ordinal);
        }

        stub.Dispose();
        directory.Delete(recursive: true);
    }
}
