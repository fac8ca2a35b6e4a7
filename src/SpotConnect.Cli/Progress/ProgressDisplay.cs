using Spectre.Console;
using SpotConnect.Org;

namespace SpotConnect.Cli.Progress;

/// <summary>
/// How the long org runs (<c>prepare</c>, <c>register</c>, <c>prune</c>, <c>sync</c>) show their progress on
/// stderr. On an interactive terminal (and not in CI): a live Spectre.Console progress bar per step, with the
/// accounts done, the failures and the time left, and the report lines printed above it. Redirected, in CI, or
/// with the writers a test passes in: plain lines (<c>  · …</c>, a count about every 5%), as before.
/// </summary>
internal sealed class ProgressDisplay : IDisposable
{
    /// <summary>Environment variables CI systems set; any of them (non-empty, and <c>CI</c> not "false"/"0") means plain lines.</summary>
    internal static readonly string[] CiVariables = ["CI", "GITHUB_ACTIONS", "TF_BUILD", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TEAMCITY_VERSION", "CODEBUILD_BUILD_ID"];

    private readonly object _gate = new();
    private readonly TextWriter _stderr;
    private readonly IAnsiConsole? _live;
    private LiveStep? _current;

    private ProgressDisplay(TextWriter stderr, IAnsiConsole? live)
    {
        _stderr = stderr;
        _live = live;
    }

    /// <summary>Whether steps are shown as live progress bars.</summary>
    public bool IsLive => _live is not null;

    /// <summary>Live bars when the command's stderr is the process's own, an interactive terminal, and not in CI; else plain lines.</summary>
    public static ProgressDisplay For(CliContext context, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(environment);
        var terminal = ReferenceEquals(context.StdErr, Console.Error) && !Console.IsErrorRedirected
                       && !string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);
        if (!terminal || InCi(environment))
        {
            return Plain(context.StdErr);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(Console.Error),
        });
        return Live(context.StdErr, console);
    }

    /// <summary>Plain lines on <paramref name="stderr"/>.</summary>
    public static ProgressDisplay Plain(TextWriter stderr) => new(stderr, null);

    /// <summary>Live bars on <paramref name="console"/> (tests pass a recording console); lines outside a step go to <paramref name="stderr"/>.</summary>
    public static ProgressDisplay Live(TextWriter stderr, IAnsiConsole console) => new(stderr, console);

    /// <summary>Whether the environment says this is a CI run.</summary>
    public static bool InCi(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return CiVariables.Any(name => environment(name) is { Length: > 0 } value
                                       && !(name == "CI" && (value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0")));
    }

    /// <summary>One report line (thread-safe): above the bar while a step is live, else a plain <c>  · line</c>.</summary>
    public void Report(string line)
    {
        lock (_gate)
        {
            if (_current is { } step)
            {
                step.Console.WriteLine("  · " + line);
            }
            else
            {
                _stderr.WriteLine($"  · {line}");
            }
        }
    }

    /// <summary>Starts showing a step of <paramref name="total"/> accounts (see <see cref="OrgProgressStart"/>).</summary>
    public IOrgProgress Start(string step, int total)
    {
        if (_live is null || total <= 0)
        {
            return new OrgProgress(step, total, Report);
        }

        lock (_gate)
        {
            _current?.Dispose();
            _current = new LiveStep(_live, step, total, () => { lock (_gate) { _current = null; } });
            return _current;
        }
    }

    /// <summary>Ends a step still shown (a run that stopped halfway).</summary>
    public void Dispose()
    {
        LiveStep? current;
        lock (_gate)
        {
            current = _current;
        }

        current?.Dispose();
    }

    /// <summary>One step's bar: a Spectre <c>Progress</c> running until the step is disposed.</summary>
    private sealed class LiveStep : IOrgProgress
    {
        private readonly object _gate = new();
        private readonly string _step;
        private readonly int _total;
        private readonly Action _ended;
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Task _running;
        private readonly ProgressTask _task;
        private int _done;
        private int _failed;
        private bool _disposed;

        public LiveStep(IAnsiConsole console, string step, int total, Action ended)
        {
            Console = console;
            _step = step;
            _total = total;
            _ended = ended;
            var ready = new TaskCompletionSource<ProgressTask>(TaskCreationOptions.RunContinuationsAsynchronously);
            var progress = console.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn());
            _running = Task.Run(() => progress.StartAsync(async context =>
            {
                ready.SetResult(context.AddTask(Describe(0, 0), maxValue: total));
                await _finished.Task;
            }));
            _task = ready.Task.GetAwaiter().GetResult();
        }

        public IAnsiConsole Console { get; }

        public void Done(bool failed)
        {
            lock (_gate)
            {
                _done++;
                _failed += failed ? 1 : 0;
                _task.Description = Describe(_done, _failed);
                _task.Increment(1);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
            }

            _ended();
            _finished.TrySetResult();
            _running.GetAwaiter().GetResult();
        }

        private string Describe(int done, int failed) =>
            Markup.Escape($"{_step}: {done}/{_total} accounts") + (failed > 0 ? $" [red]{failed} failed[/]" : string.Empty);
    }
}
