using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;

using SpotConnect.Validation;

namespace SpotConnect.Spot;

/// <summary>
/// The Spot <c>/setup</c> endpoints SpotConnect uses (see shared/reference/spot-api.md). Retries 429, 5xx and
/// network errors with bounded exponential back-off (Polly), every retry reported; never retries other 4xx.
/// </summary>
internal sealed class SpotApiClient
{
    /// <summary>Spot's public API.</summary>
    public const string DefaultBaseUrl = "https://api.spotinst.io";

    /// <summary>The environment variable that overrides the API URL (e.g. for a local stub).</summary>

    public const string BaseUrlVariable = "SPOTINST_API_URL";

    private readonly HttpClient _http;
    private readonly SpotToken _token;
    private readonly Uri _baseUrl;
    private readonly ResiliencePipeline<HttpResponseMessage> _transient;
    private readonly ResiliencePipeline<HttpResponseMessage> _rateLimited;

    /// <summary>
    /// Creates a client whose back-off waits run on <paramref name="clock"/>; every retry and wait is reported
    /// through <paramref name="report"/>, never with the token.
    /// </summary>
    public SpotApiClient(HttpClient http, SpotToken token, Uri baseUrl, SpotApiTiming timing, TimeProvider clock, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _http = http;
        _token = token;
        _baseUrl = baseUrl;
        _transient = Retrying(timing, clock, report, token, r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500, networkFaults: true);
        _rateLimited = Retrying(timing, clock, report, token, r => r.StatusCode == HttpStatusCode.TooManyRequests, networkFaults: false);
    }

    /// <summary>How a call is retried.</summary>
    private enum Retry
    {
        /// <summary>Never (a call whose lost answer may hide a committed change).</summary>
        None,

        /// <summary>429, 5xx and network faults.</summary>
        Transient,

        /// <summary>Only 429: Spot refused before doing anything, so even a create may be sent again.</summary>
        RateLimitOnly,
    }

    private static ResiliencePipeline<HttpResponseMessage> Retrying(
        SpotApiTiming timing, TimeProvider clock, Action<string> report, SpotToken token, Func<HttpResponseMessage, bool> retryable, bool networkFaults)
    {
        var handle = new PredicateBuilder<HttpResponseMessage>().HandleResult(retryable);
        if (networkFaults)
        {
            handle = handle
                .Handle<HttpRequestException>()
                .Handle<TaskCanceledException>(e => e.InnerException is TimeoutException); // the request's timeout (SpotHttp, or HttpClient's)
        }

        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = handle,
                MaxRetryAttempts = Math.Max(1, timing.TransientRetries),
                Delay = timing.TransientDelay,
                MaxDelay = timing.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args =>
                {
                    var retryAfter = args.Outcome.Result?.Headers.RetryAfter?.Delta;
                    return ValueTask.FromResult(retryAfter is { } delta ? (TimeSpan?)(delta < timing.MaxDelay ? delta : timing.MaxDelay) : null);
                },
                OnRetry = args =>
                {
                    var what = args.Outcome.Result is { } r ? $"answered {(int)r.StatusCode}" : $"failed ({token.Redact(args.Outcome.Exception?.Message ?? "error")})";
                    report($"Spot API {what}; retry {args.AttemptNumber + 1} of {timing.TransientRetries} in {args.RetryDelay.TotalSeconds:0.#} s");
                    return default;
                },
            })
            .Build();
    }

    /// <summary>The base URL: <c>SPOTINST_API_URL</c> when set, else Spot's public API.</summary>
    public static Uri BaseUrlFrom(Func<string, string?> environment)
    {
        var value = environment(BaseUrlVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return new Uri(DefaultBaseUrl);
        }

        return Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new SpotConnectValidationException(new ValidationProblem(BaseUrlVariable, value, "must be an absolute http(s) URL, e.g. https://api.spotinst.io."));
    }

    /// <summary>Every Spot account of the organization (<c>GET /setup/account</c>).</summary>
    public async Task<IReadOnlyList<SpotAccount>> ListAccountsAsync(CancellationToken cancellation) =>
        Accounts(await SendAsync(HttpMethod.Get, "/setup/account", null, cancellation));

    /// <summary>
    /// Creates a Spot account (<c>POST /setup/account</c>). Retried only when Spot answers 429 (it refused before
    /// doing anything); never after a 5xx, a timeout or a network fault: the call is not idempotent, and a lost
    /// answer to a committed create must not become a second account (the caller looks it up instead).
    /// </summary>
    public async Task<SpotAccount> CreateAccountAsync(string name, CancellationToken cancellation)
    {
        var body = new JsonObject { ["account"] = new JsonObject { ["name"] = name } };
        var item = Items(await SendAsync(HttpMethod.Post, "/setup/account", body, cancellation, Retry.RateLimitOnly)).FirstOrDefault()
            ?? throw new SpotApiException("POST", "/setup/account", 200, null, "Spot created the account but returned no item");
        return new SpotAccount(Text(item, "id") ?? Text(item, "accountId") ?? throw new SpotApiException("POST", "/setup/account", 200, null, "no account id in the response"), Text(item, "name") ?? name, null);
    }

    /// <summary>
    /// Deletes a Spot account (<c>DELETE /setup/account/{id}</c>): irreversible, the account and everything in it.
    /// Retried on 429, 5xx and network faults like a read: unlike a create, a repeat is harmless, since a delete
    /// that was already committed makes the repeat answer <c>Account_DOESNT_EXIST</c>, which counts as gone.
    /// </summary>
    /// <returns><see langword="true"/> when Spot deleted it now; <see langword="false"/> when Spot says it does not exist (already gone).</returns>
    /// <exception cref="SpotApiException">Spot refused (after any retries); the outcome of a 5xx is unknown.</exception>
    public async Task<bool> DeleteAccountAsync(string accountId, CancellationToken cancellation)
    {
        try
        {
            _ = await SendAsync(HttpMethod.Delete, $"/setup/account/{Uri.EscapeDataString(accountId)}", null, cancellation);
            return true;
        }
        catch (SpotApiException e) when (string.Equals(e.Code, "Account_DOESNT_EXIST", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
    }

    /// <summary>Asks Spot for a fresh external id (<c>POST /setup/credentials/aws/externalId?accountId=</c>).</summary>
    public async Task<ExternalIdGrant> CreateExternalIdAsync(string accountId, CancellationToken cancellation)
    {
        var path = $"/setup/credentials/aws/externalId?accountId={Uri.EscapeDataString(accountId)}";
        var item = Items(await SendAsync(HttpMethod.Post, path, null, cancellation)).FirstOrDefault();
        var value = item is null ? null : Text(item, "externalId");
        if (value is null)
        {
            throw new SpotApiException("POST", path, 200, null, "no externalId in the response");
        }

        return new ExternalIdGrant(value, Time(item!, "maxValidUntil"));
    }

    /// <summary>
    /// The role ARN Spot holds for an account (<c>GET /setup/credentials/aws?accountId=</c>). That read is used by
    /// Spot's SDKs but not documented in its OpenAPI, so an answer of 404 or 405 means "cannot tell", not failure.
    /// </summary>
    public async Task<RoleLookup> GetRoleAsync(string accountId, CancellationToken cancellation)
    {
        try
        {
            var item = Items(await SendAsync(HttpMethod.Get, $"/setup/credentials/aws?accountId={Uri.EscapeDataString(accountId)}", null, cancellation)).FirstOrDefault();
            return new RoleLookup(true, item is null ? null : Text(item, "iamRole"));
        }
        catch (SpotApiException e) when (e.Status is 404 or 405)
        {
            return RoleLookup.Unknown;
        }
    }

    /// <summary>Registers the role with Spot, which assumes it to check it (<c>POST /setup/credentials/aws?accountId=</c>).</summary>
    public async Task SetRoleAsync(string accountId, string roleArn, CancellationToken cancellation)
    {
        var body = new JsonObject { ["credentials"] = new JsonObject { ["iamRole"] = roleArn } };
        _ = await SendAsync(HttpMethod.Post, $"/setup/credentials/aws?accountId={Uri.EscapeDataString(accountId)}", body, cancellation);
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string pathAndQuery, JsonNode? body, CancellationToken cancellation, Retry retry = Retry.Transient)
    {
        async ValueTask<HttpResponseMessage> Send(CancellationToken ct)
        {
            using var request = new HttpRequestMessage(method, new Uri(_baseUrl, pathAndQuery));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token.BearerValue);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Content = new StringContent(body?.ToJsonString() ?? string.Empty, Encoding.UTF8, "application/json");
            return await _http.SendAsync(request, ct);
        }

        using var response = retry switch
        {
            Retry.Transient => await _transient.ExecuteAsync(Send, cancellation),
            Retry.RateLimitOnly => await _rateLimited.ExecuteAsync(Send, cancellation),
            _ => await Send(cancellation),
        };

        var text = await response.Content.ReadAsStringAsync(cancellation);
        JsonObject? envelope = null;
        try
        {
            envelope = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not Spot's envelope (a proxy's error page, say): reported below by status.
        }

        var path = pathAndQuery.Split('?')[0];
        if (!response.IsSuccessStatusCode)
        {
            var error = envelope?["response"]?["errors"]?.AsArray().FirstOrDefault();
            throw new SpotApiException(
                method.Method,
                path,
                (int)response.StatusCode,
                error?["code"]?.GetValue<string>(),
                _token.Redact(error?["message"]?.GetValue<string>() ?? response.ReasonPhrase ?? "no message"));
        }

        return envelope ?? throw new SpotApiException(method.Method, path, (int)response.StatusCode, null, "the response is not JSON");
    }

    private static IEnumerable<JsonObject> Items(JsonObject envelope) =>
        envelope["response"]?["items"]?.AsArray().OfType<JsonObject>() ?? [];

    private static List<SpotAccount> Accounts(JsonObject envelope) =>
        Items(envelope).Select(i => new SpotAccount(Text(i, "accountId") ?? Text(i, "id") ?? string.Empty, Text(i, "name") ?? string.Empty, Text(i, "providerExternalId"), Time(i, "createdAt")))
            .Where(a => a.Id.Length > 0)
            .ToList();

    private static DateTimeOffset? Time(JsonObject item, string key) =>
        Text(item, key) is { } t && DateTimeOffset.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;

    private static string? Text(JsonObject item, string key) =>
        item[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
