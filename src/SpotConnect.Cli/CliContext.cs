using Spectre.Console;

namespace SpotConnect.Cli;

/// <summary>Where a command writes: stdout for results, stderr for messages; a Spectre console over stdout for tables.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        StdOut = stdout;
        StdErr = stderr;
        WorkingDirectory = workingDirectory;
        var terminal = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(stdout),
        });
        Console.Profile.Width = terminal ? Math.Max(System.Console.WindowWidth, 80) : 200;
    }

    public TextWriter StdOut { get; }

    public TextWriter StdErr { get; }

    public string WorkingDirectory { get; }

    public IAnsiConsole Console { get; }
}
