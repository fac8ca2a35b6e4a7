using Spectre.Console;

namespace SpotConnect.Cli;

/// <summary>Where a command writes: stdout for results, stderr for messages; a Spectre console over stdout for tables.</summary>
internal sealed class CliContext
{
    private readonly Lazy<IAnsiConsole> _console;

    public CliContext(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        StdOut = stdout;
        StdErr = stderr;
        WorkingDirectory = workingDirectory;
        _console = new Lazy<IAnsiConsole>(() => CreateConsole(stdout));
    }

    public TextWriter StdOut { get; }

    public TextWriter StdErr { get; }

    public string WorkingDirectory { get; }

    /// <summary>The table console, created on first use: only <c>bundles</c> draws tables.</summary>
    public IAnsiConsole Console => _console.Value;

    private static IAnsiConsole CreateConsole(TextWriter stdout)
    {
        var terminal = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(stdout),
        });
        console.Profile.Width = terminal ? Math.Max(System.Console.WindowWidth, 80) : 200;
        return console;
    }
}
