using SpotConnect.Cli.Link;
using SpotConnect.Spot;

namespace SpotConnect.Cli;

/// <summary>
/// What the commands reach outside the process through: the environment, HTTP, AWS and the deployer.
/// <see cref="Default"/> is the real world; tests pass stand-ins (a stub Spot API, a recorded deployer).
/// </summary>
internal sealed record CliServices
{
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The client for Spot's API: each request times out after 60 s on the system clock (tests give one on their own clock).</summary>
    public Func<HttpClient> HttpClient { get; init; } = () => SpotHttp.Client(TimeProvider.System, SpotHttp.DefaultTimeout);

    public Func<Func<string, string?>, IAwsIdentity> AwsIdentity { get; init; } = environment => new StsIdentity(environment);

    public IStackDeployer Deployer { get; init; } = new CdkStackDeployer();

    public SpotApiTiming Timing { get; init; } = new();

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public static CliServices Default { get; } = new();
}
