using System.Globalization;
using Polly;
using Polly.Retry;

namespace SpotConnect.Spot;

/// <summary>
/// Registers a role with Spot, patiently: Spot assumes the role to check it, which fails for seconds to tens of
/// seconds while IAM propagates a new role. Those refusals (400/422) are retried on a Polly pipeline with growing
/// waits, each attempt reported, for at most <see cref="SpotApiTiming.PropagationTimeout"/>.
/// </summary>
internal sealed class RoleRegistration
{
    private readonly SpotApiClient _spot;
    private readonly SpotApiTiming _timing;
    private readonly TimeProvider _clock;
    private readonly Action<string> _report;

    /// <summary>Registers through <paramref name="spot"/>, waiting as <paramref name="timing"/> says on <paramref name="clock"/>.</summary>
    public RoleRegistration(SpotApiClient spot, SpotApiTiming timing, TimeProvider clock, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(spot);
        ArgumentNullException.ThrowIfNull(timing);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(report);
        _spot = spot;
        _timing = timing;
        _clock = clock;
        _report = report;
    }

    /// <summary>Posts the role until Spot accepts it, or until the propagation timeout would pass.</summary>
    /// <exception cref="SpotApiException">Spot kept refusing the role (the message says how often and what to do), or refused for another reason.</exception>
    public async Task RegisterAsync(string accountId, string roleArn, CancellationToken cancellation)
    {
        var deadline = _clock.GetUtcNow() + _timing.PropagationTimeout;
        var attempts = 0;
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _clock }
            .AddRetry(new RetryStrategyOptions
            {
                // Only "cannot use the role yet"; and only while the next wait still ends before the deadline.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is SpotApiException { Status: 400 or 422 }
                    && _clock.GetUtcNow() + DelayAfter(args.AttemptNumber) <= deadline),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(DelayAfter(args.AttemptNumber)),
                OnRetry = args =>
                {
                    var e = (SpotApiException)args.Outcome.Exception!;
                    _report($"Spot could not use the role yet (attempt {args.AttemptNumber + 1}: {e.Code ?? e.Status.ToString(CultureInfo.InvariantCulture)}: {e.SpotMessage}); IAM may still be propagating it, retrying in {args.RetryDelay.TotalSeconds:0.#} s");
                    return default;
                },
            })
            .Build();

        try
        {
            await pipeline.ExecuteAsync(
                async ct =>
                {
                    attempts++;
                    await _spot.SetRoleAsync(accountId, roleArn, ct);
                },
                cancellation);
        }
        catch (SpotApiException e) when (e.Status is 400 or 422)
        {
            throw new SpotApiException(e.Method, e.PathAndQuery, e.Status, e.Code,
                $"{e.SpotMessage} (gave up after {attempts} attempts in {_timing.PropagationTimeout.TotalSeconds:0} s: if the role was just created, register again in a minute; otherwise check the role's trust policy and external id)");
        }
    }

    /// <summary>The wait after the <paramref name="attempt"/>-th (0-based) refusal: doubling from the first delay, capped.</summary>
    private TimeSpan DelayAfter(int attempt)
    {
        var ticks = _timing.PropagationDelay.Ticks * Math.Pow(2, Math.Min(attempt, 30));
        return TimeSpan.FromTicks((long)Math.Min(ticks, _timing.PropagationMaxDelay.Ticks));
    }
}
