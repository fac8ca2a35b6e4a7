using System.Text.Json.Nodes;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpotConnect.Tests.Support;

/// <summary>A local stand-in for Spot's /setup API and for AWS STS, recording every request, on virtual time.</summary>
internal sealed class SpotStub : IDisposable
{
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _unanswered;

    public const string AwsAccount = "123456789012";
    public const string CallerArn = "arn:aws:iam::123456789012:user/platform-ci";
    public const string Token = "spot-token-7f3c9a1e5b2d4c6f8a0b1c2d3e4f5a6b";

    public SpotStub()
    {
        Spot = WireMockServer.Start();
        Sts = WireMockServer.Start();
        CallerIs(CallerArn, AwsAccount);
    }

    public WireMockServer Spot { get; }

    /// <summary>The time the CLI and Spot share in a test (see <see cref="VirtualTime"/>).</summary>
    public VirtualTime Time { get; } = new();

    /// <summary>Completes when the stub stops: what a request held "forever" waits for.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>How many requests <see cref="NeverAnswers"/> held (WireMock logs a request only once answered).</summary>
    public int Unanswered => Volatile.Read(ref _unanswered);

    /// <summary>Requests to this route are held and never answered (until the stub stops): only the client's timeout ends them.</summary>
    public void NeverAnswers(string method, string path) =>
        Spot.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithCallback(async request =>
            {
                Interlocked.Increment(ref _unanswered);
                await Time.HoldAsync(request, () => Stopped);
                return new WireMock.ResponseMessage { StatusCode = 503 };
            }));

    /// <summary>
    /// Spot as a new link meets it: no Spot account for <see cref="AwsAccount"/> yet, then <paramref name="account"/> created,
    /// <paramref name="externalId"/> issued for it, and <paramref name="roleArn"/> accepted and read back once registered.
    /// </summary>
    public void AnswersANewLink(string account, string externalId, string roleArn)
    {
        // The whole organization: nothing unconnected yet; once created, the account is listed (Spot's documented read).
        On("GET", "/setup/account", 200, Envelope(), priority: 20, scenario: "org");
        On("GET", "/setup/account", 200, Envelope(new JsonObject { ["accountId"] = account, ["name"] = "aws-123456789012" }), priority: 19, scenario: "org", state: "created", next: "created");
        On("POST", "/setup/account", 200, Envelope(new JsonObject { ["id"] = account, ["name"] = "aws-123456789012", ["organizationId"] = "606079860000" }), scenario: "org", next: "created");
        On("POST", "/setup/account", 200, Envelope(new JsonObject { ["id"] = account, ["name"] = "aws-123456789012", ["organizationId"] = "606079860000" }), scenario: "org", state: "created", next: "created");
        On("POST", "/setup/credentials/aws/externalId", 200, Envelope(new JsonObject { ["externalId"] = externalId, ["maxValidUntil"] = "2099-01-01T00:00:00.000Z" }), param: ("accountId", account));
        On("GET", "/setup/credentials/aws", 200, Envelope(), param: ("accountId", account), scenario: "role");
        On("GET", "/setup/credentials/aws", 200, Envelope(new JsonObject { ["iamRole"] = roleArn, ["accountId"] = account }), param: ("accountId", account), scenario: "role", state: "linked", next: "linked", priority: 1);
        On("POST", "/setup/credentials/aws", 200, Envelope(), param: ("accountId", account), scenario: "role", next: "linked");
        On("POST", "/setup/credentials/aws", 200, Envelope(), param: ("accountId", account), scenario: "role", state: "linked", next: "linked");
    }

    /// <summary>Makes STS answer GetCallerIdentity for this caller from now on.</summary>
    public void CallerIs(string arn, string account)
    {
        Sts.Reset();
        Sts.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/xml").WithBody(
                $"""
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetCallerIdentityResult><Arn>{arn}</Arn><UserId>AIDAEXAMPLE</UserId><Account>{account}</Account></GetCallerIdentityResult>
                  <ResponseMetadata><RequestId>0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0</RequestId></ResponseMetadata>
                </GetCallerIdentityResponse>
                """));
    }

    public WireMockServer Sts { get; }

    /// <summary>Requests Spot received, in order, as "METHOD /path?query".</summary>
    public IReadOnlyList<string> Calls => Spot.LogEntries.OrderBy(e => e.RequestMessage!.DateTime)
        .Select(e => $"{e.RequestMessage!.Method} {e.RequestMessage!.Path}{Query(e)}").ToArray();

    public IReadOnlyList<ILogEntry> Requests => Spot.LogEntries.OrderBy(e => e.RequestMessage!.DateTime).ToArray();

    public Dictionary<string, string?> Environment => new()
    {
        ["SPOTINST_TOKEN"] = Token,
        ["SPOTINST_API_URL"] = Spot.Url,
        ["AWS_ENDPOINT_URL_STS"] = Sts.Url,
        ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE",
        ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ["AWS_REGION"] = "us-east-1",
    };

    public static string Envelope(params JsonObject[] items) => new JsonObject
    {
        ["request"] = new JsonObject { ["id"] = "req-1", ["method"] = "GET" },
        ["response"] = new JsonObject
        {
            ["status"] = new JsonObject { ["code"] = 200, ["message"] = "OK" },
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
            ["count"] = items.Length,
        },
    }.ToJsonString();

    public static string Error(int status, string code, string message) => new JsonObject
    {
        ["request"] = new JsonObject { ["id"] = "req-2" },
        ["response"] = new JsonObject
        {
            ["status"] = new JsonObject { ["code"] = status, ["message"] = "Error" },
            ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }),
        },
    }.ToJsonString();

    /// <summary>
    /// Answers a route; in a scenario, only in <paramref name="state"/> (null: not started yet), then moving to
    /// <paramref name="next"/>. WireMock.Net leaves a state once a mapping without a next state matched in it:
    /// to stay, name the same state as next.
    /// </summary>
    public void On(string method, string path, int status, string body, (string Key, string Value)? param = null, string? scenario = null, string? state = null, string? next = null, int priority = 10)
    {
        var request = Request.Create().WithPath(path).UsingMethod(method);
        if (param is { } p)
        {
            request = request.WithParam(p.Key, p.Value);
        }

        var provider = Spot.Given(request).AtPriority(priority);
        if (scenario is not null)
        {
            provider = provider.InScenario(scenario);
            if (state is not null)
            {
                provider = provider.WhenStateIs(state);
            }

            if (next is not null)
            {
                provider = provider.WillSetStateTo(next);
            }
        }

        provider.RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
    }

    public void Dispose()
    {
        _stopped.TrySetResult();
        Spot.Stop();
        Sts.Stop();
        Spot.Dispose();
        Sts.Dispose();
    }

    private static string Query(ILogEntry e) =>
        e.RequestMessage!.Query is { Count: > 0 } q ? "?" + string.Join("&", q.Select(kv => $"{kv.Key}={string.Join(",", kv.Value)}")) : string.Empty;
}
