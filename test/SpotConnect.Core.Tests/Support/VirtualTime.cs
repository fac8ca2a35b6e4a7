using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using SpotConnect.Spot;

namespace SpotConnect.Tests.Support;

/// <summary>
/// Time for the CLI's tests against the stubs: a <see cref="FakeTimeProvider"/> that every wait of the CLI (Polly's
/// back-off, the propagation deadline, the request timeout) and of the stub runs on, moved by a driver instead of
/// waited for. The driver moves the clock to the next due timer only while nothing else can happen: no request is
/// in flight except those the stub holds on purpose (<see cref="HoldAsync"/>). Tests never sleep, and never
/// assert on the wall clock; they can assert on this one.
/// <para>
/// The driver waits for nothing but events: it looks again only when something that could let the clock move has
/// happened (a request landed at the stub or is held by it, a timer was created or changed, the run ended) or right
/// after it moved the clock (a timer that fired may lead to nothing else it hears of). No wall-clock poll.
/// </para>
/// <para>
/// The stub answers in no virtual time, so a request the CLI sent lands before anything that happens after the run:
/// when the caller cancels a request (Ctrl+C, or a test "killing" the process), the caller sees the cancellation at
/// once, but the request itself still goes to the stub (a dead process's request is still on the wire), and
/// <see cref="RunAsync{T}"/> returns only once every request the run sent was answered or is held by the stub.
/// Without that, a create the killed run had sent could be committed by the stub after the next run listed the
/// accounts, which no real rerun (seconds later, after the process's requests were handled) would see.
/// </para>
/// </summary>
internal sealed class VirtualTime
{
    /// <summary>The header that names a request, so the stub can say which one it holds.</summary>
    public const string RequestHeader = "X-SpotConnect-Test-Request";

    private readonly object _gate = new();
    private readonly ConcurrentDictionary<long, bool> _inFlight = new();
    private readonly ConcurrentDictionary<long, bool> _held = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _unlanded = new();
    private long _nextRequest;
    private TaskCompletionSource _changed = NewSignal();

    public VirtualTime() => Clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), _gate, Changed);

    /// <summary>The clock; it starts at a fixed instant and moves only when the driver (or a test) moves it.</summary>
    public VirtualClock Clock { get; }

    /// <summary>A client for the CLI: requests are tracked, and time out after <paramref name="timeout"/> on <see cref="Clock"/>.</summary>
    /// <remarks>The tracking handler is outermost: a request counts as in flight before its timeout timer exists and until that timer is gone.</remarks>
    public HttpClient HttpClient(TimeSpan timeout) =>
        new(new Tracking(this) { InnerHandler = new RequestTimeoutHandler(Clock, timeout) { InnerHandler = new SocketsHttpHandler() } }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// The stub holds a request while <paramref name="wait"/> runs (a virtual delay, or an event the test causes):
    /// the request no longer keeps the clock from moving. Only while the wait is pending: a wait that ends at once
    /// (a hook with nothing to wait for) never lets the clock move, and the hold ends the moment the wait does,
    /// before anything the wait's end lets run (else the driver could pass over time the request is still using).
    /// </summary>
    public async Task HoldAsync(WireMock.IRequestMessage request, Func<Task> wait)
    {
        var value = request.Headers?.FirstOrDefault(h => string.Equals(h.Key, RequestHeader, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        var waiting = wait();
        if (long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var id) && !waiting.IsCompleted)
        {
            _held[id] = true;
            Landed(id); // the stub has it: what happens to it now is the test's doing
            _ = waiting.ContinueWith(_ => _held.TryRemove(id, out var _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        await waiting;
    }

    /// <summary>Runs <paramref name="work"/> while driving the clock; returns its result.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        var task = Task.Run(work);
        while (!task.IsCompleted)
        {
            Task changed;
            var moved = false;
            lock (_gate) // no request starts between the look and the move (its timeout could be passed over)
            {
                // The signal is taken before the look: whatever happens after the look completes it.
                changed = Volatile.Read(ref _changed).Task;
                if (Idle && Clock.NextDue is { } due)
                {
                    Clock.AdvanceTo(due);
                    moved = true;
                }
            }

            if (moved)
            {
                // Look again without waiting for a signal: what the fired timers ran may have been all there was to wait
                // for. First the driver goes to the back of the queue (no time passes): what they queued starts first.
                await Task.Yield();
                continue;
            }

            await Task.WhenAny(task, changed);
        }

        try
        {
            return await task;
        }
        finally
        {
            // The run is over (or "killed"): what it sent lands before anything the test does next.
            await Task.WhenAll(_unlanded.Values.Select(l => l.Task));
        }
    }

    /// <summary>The stub answered or holds this request.</summary>
    private void Landed(long id)
    {
        if (_unlanded.TryRemove(id, out var landed))
        {
            landed.TrySetResult();
        }

        Changed();
    }

    /// <summary>Wakes the driver: something happened that may let the clock move (it looks again; nothing is moved here).</summary>
    private void Changed() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    /// <summary>The driver's continuation never runs inside the code that signals (a timer's creator, the stub's answer).</summary>
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Nothing can happen but a timer: every request in flight is held by the stub.</summary>
    private bool Idle => _inFlight.Keys.All(_held.ContainsKey);

    /// <summary>
    /// Counts a request in flight until the stub answered it; a caller that cancels stops waiting for it at once, but
    /// the request (a copy the caller cannot dispose) still goes to the stub, as a dead process's request would.
    /// </summary>
    private sealed class Tracking(VirtualTime time) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested(); // a process that is gone sends nothing more
            var wire = await CopyAsync(request, cancellationToken);
            var id = Interlocked.Increment(ref time._nextRequest);
            wire.Headers.Add(RequestHeader, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            lock (time._gate)
            {
                time._inFlight[id] = true;
                time._unlanded[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            var sent = SendToStubAsync(wire, id);
            try
            {
                return await sent.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _ = sent.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                throw;
            }
        }

        private async Task<HttpResponseMessage> SendToStubAsync(HttpRequestMessage wire, long id)
        {
            try
            {
                return await base.SendAsync(wire, CancellationToken.None); // the request's own timeout still applies (inner handler)
            }
            finally
            {
                time._inFlight.TryRemove(id, out _);
                time.Landed(id);
                wire.Dispose();
            }
        }

        private static async Task<HttpRequestMessage> CopyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var wire = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
            foreach (var header in request.Headers)
            {
                wire.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (request.Content is { } content)
            {
                wire.Content = new ByteArrayContent(await content.ReadAsByteArrayAsync(cancellationToken));
                foreach (var header in content.Headers)
                {
                    wire.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            return wire;
        }
    }
}

/// <summary>A <see cref="FakeTimeProvider"/> that knows when its next timer is due, and says when that may have changed.</summary>
/// <param name="start">The clock's first instant.</param>
/// <param name="still">
/// The lock its driver moves it under: a timer due later is scheduled under it, so the instant recorded for it (<see
/// cref="NextDue"/>) is the one the fake clock fires it at, however the driver moves the clock meanwhile.
/// </param>
/// <param name="scheduled">Called after a timer was created or changed (outside the clock's lock): its driver looks again.</param>
internal sealed class VirtualClock(DateTimeOffset start, object? still = null, Action? scheduled = null) : FakeTimeProvider(start)
{
    private readonly object _gate = new();
    private readonly object _still = still ?? new object();
    private readonly HashSet<Tracked> _timers = [];

    /// <summary>When the earliest pending timer fires, if any.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            var now = GetUtcNow();
            lock (_gate)
            {
                return _timers.Select(t => t.NextAfter(now)).Where(d => d is not null).Min();
            }
        }
    }

    /// <summary>Moves the clock forward to <paramref name="instant"/> (never back), firing what is due.</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        var step = instant - GetUtcNow();
        if (step > TimeSpan.Zero)
        {
            Advance(step);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new Tracked(this);
        if (dueTime > TimeSpan.Zero)
        {
            lock (_still)
            {
                Register(tracked, callback, state, dueTime, period);
            }
        }
        else
        {
            // Due now (it fires as it is created, on this thread: not under the driver's lock) or never.
            Register(tracked, callback, state, dueTime, period);
        }

        Scheduled();
        return tracked;
    }

    private void Register(Tracked tracked, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        tracked.Schedule(dueTime, period);
        lock (_gate)
        {
            _timers.Add(tracked);
        }

        tracked.Inner = base.CreateTimer(callback, state, dueTime, period);
    }

    private void Scheduled() => scheduled?.Invoke();

    private sealed class Tracked(VirtualClock clock) : ITimer
    {
        private DateTimeOffset? _due;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
                _period = period;
            }
        }

        /// <summary>The first firing after <paramref name="now"/>, if any.</summary>
        public DateTimeOffset? NextAfter(DateTimeOffset now)
        {
            if (_due is not { } due)
            {
                return null;
            }

            if (due > now)
            {
                return due;
            }

            if (_period == Timeout.InfiniteTimeSpan || _period <= TimeSpan.Zero)
            {
                return null; // fired already
            }

            var periods = ((now - due).Ticks / _period.Ticks) + 1;
            return due + TimeSpan.FromTicks(periods * _period.Ticks);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool changed;
            if (dueTime > TimeSpan.Zero)
            {
                lock (clock._still) // as in CreateTimer
                {
                    Schedule(dueTime, period);
                    changed = Inner.Change(dueTime, period);
                }
            }
            else
            {
                Schedule(dueTime, period);
                changed = Inner.Change(dueTime, period);
            }

            clock.Scheduled();
            return changed;
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }

            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
