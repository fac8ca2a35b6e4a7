namespace SpotConnect.Spot;

/// <summary>
/// The HTTP client the Spot API calls go through: each request, its answer's body included, must finish within a
/// timeout measured on a <see cref="TimeProvider"/> (so tests move time instead of waiting for it). A request that
/// runs out of time fails as <see cref="HttpClient.Timeout"/> makes it fail: a <see cref="TaskCanceledException"/>
/// whose inner exception is a <see cref="TimeoutException"/>.
/// </summary>
internal static class SpotHttp
{
    /// <summary>How long one request may take by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A client whose requests time out after <paramref name="timeout"/> on <paramref name="clock"/>; <see cref="HttpClient.Timeout"/> itself is off.</summary>
    public static HttpClient Client(TimeProvider clock, TimeSpan timeout, HttpMessageHandler? inner = null) =>
        new(new RequestTimeoutHandler(clock, timeout) { InnerHandler = inner ?? new HttpClientHandler() }) { Timeout = Timeout.InfiniteTimeSpan };
}

/// <summary>Times out a request (headers and body) after a timeout on a <see cref="TimeProvider"/>; see <see cref="SpotHttp"/>.</summary>
internal sealed class RequestTimeoutHandler : DelegatingHandler
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _timeout;

    /// <summary>Times requests out after <paramref name="timeout"/> on <paramref name="clock"/>.</summary>
    public RequestTimeoutHandler(TimeProvider clock, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _clock = clock;
        _timeout = timeout;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, linked.Token);
            await response.Content.LoadIntoBufferAsync(linked.Token); // the body is part of the answer
            return response;
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new TaskCanceledException(
                $"The request was canceled due to the configured timeout of {_timeout.TotalSeconds:0.###} seconds elapsing.",
                new TimeoutException(e.Message, e));
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }
}
