using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace SpotConnect.Cli.Link;

/// <summary>Who the caller is in AWS.</summary>
/// <param name="Account">The 12-digit AWS account id.</param>
/// <param name="Arn">The caller's ARN.</param>
/// <param name="Partition">The partition, from the ARN.</param>
internal sealed record CallerIdentity(string Account, string Arn, string Partition);

/// <summary>Asks AWS STS who the caller is.</summary>
internal interface IAwsIdentity
{
    Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellation);
}

/// <summary>
/// STS <c>GetCallerIdentity</c> with AWSSDK.SecurityToken and the standard credential chain.
/// <c>AWS_ENDPOINT_URL_STS</c>, then <c>AWS_ENDPOINT_URL</c>, override the endpoint.
/// </summary>
internal sealed class StsIdentity(Func<string, string?> environment) : IAwsIdentity
{
    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellation)
    {
        var config = new AmazonSecurityTokenServiceConfig();
        var region = environment("AWS_REGION") ?? environment("AWS_DEFAULT_REGION");
        var endpoint = environment("AWS_ENDPOINT_URL_STS") ?? environment("AWS_ENDPOINT_URL");
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region ?? "us-east-1");
        }

        using var client = Credentials() is { } credentials
            ? new AmazonSecurityTokenServiceClient(credentials, config)
            : new AmazonSecurityTokenServiceClient(config);
        var response = await client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellation);
        var parts = response.Arn.Split(':');
        return new CallerIdentity(response.Account, response.Arn, parts.Length > 1 ? parts[1] : "aws");
    }

    /// <summary>Credentials from the (given) environment, the chain's first step; null lets the SDK run the whole chain.</summary>
    private AWSCredentials? Credentials()
    {
        var key = environment("AWS_ACCESS_KEY_ID");
        var secret = environment("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
        {
            return null;
        }

        var session = environment("AWS_SESSION_TOKEN");
        return string.IsNullOrEmpty(session) ? new BasicAWSCredentials(key, secret) : new SessionAWSCredentials(key, secret, session);
    }
}
