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

    public Func<HttpClient> HttpClient { get; init; } = () => new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

    public Func<Func<string, string?>, IAwsIdentity> AwsIdentity { get; init; } = environment => new StsIdentity(environment);

    public IStackDeployer Deployer { get; init; } = new CdkStackDeployer();

    public SpotApiTiming Timing { get; init; } = new();

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public static CliServices Default { get; } = new();
}
