namespace SpotConnect.Spot;

/// <summary>How patient the link commands are. Defaults suit Spot's real API; tests shorten them.</summary>
internal sealed record SpotApiTiming
{
    /// <summary>Retries of a Spot or STS call answered 429 or 5xx (or a network error), after the first attempt.</summary>
    public int TransientRetries { get; init; } = 4;

    /// <summary>The first back-off delay; it doubles with each retry (with jitter), or follows Retry-After.</summary>
    public TimeSpan TransientDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait, whatever Retry-After says.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long registering the role may keep retrying while IAM propagates the new role.</summary>
    public TimeSpan PropagationTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The first wait between registration attempts; it grows to at most <see cref="PropagationMaxDelay"/>.</summary>
    public TimeSpan PropagationDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between registration attempts.</summary>
    public TimeSpan PropagationMaxDelay { get; init; } = TimeSpan.FromSeconds(20);
}
