using Spectre.Console;
using SpotConnect.Cli;
using SpotConnect.Cli.Progress;

namespace SpotConnect.Tests;

/// <summary>Progress of the long org runs: a live bar on a terminal, plain lines otherwise.</summary>
public sealed class ProgressDisplayTests
{
    [Fact]
    public void Writers_that_are_not_the_terminal_get_the_plain_lines()
    {
        using var stderr = new StringWriter();
        using var display = ProgressDisplay.For(new CliContext(TextWriter.Null, stderr, "."), _ => null);

        Assert.False(display.IsLive);
        using (var step = display.Start("prepare", 4))
        {
            display.Report("Spot: 4 accounts");
            for (var i = 0; i < 4; i++)
            {
                step.Done(failed: i == 2);
            }
        }

        Assert.Contains("  · Spot: 4 accounts", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("  · prepare: 4/4 accounts done, 1 failed", stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CI", "true", true)]
    [InlineData("CI", "false", false)]
    [InlineData("GITHUB_ACTIONS", "true", true)]
    [InlineData("TF_BUILD", "True", true)]
    [InlineData("HOME", "/root", false)]
    public void CI_is_recognized(string name, string value, bool ci) =>
        Assert.Equal(ci, ProgressDisplay.InCi(n => n == name ? value : null));

    [Fact]
    public void On_an_interactive_console_a_step_is_a_bar_with_counts_failures_and_time_left_and_lines_print_above_it()
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 120;
        using var stderr = new StringWriter();
        using var display = ProgressDisplay.Live(stderr, console);

        Assert.True(display.IsLive);
        using (var step = display.Start("register", 3))
        {
            display.Report("111111111111: registering failed");
            step.Done(failed: true);
            step.Done(failed: false);
            step.Done(failed: false);
        }

        display.Report("after the step");
        var text = output.ToString();
        Assert.Contains("register: 3/3 accounts", text, StringComparison.Ordinal);
        Assert.Contains("1 failed", text, StringComparison.Ordinal);
        Assert.Contains("100%", text, StringComparison.Ordinal);
        Assert.Contains("  · 111111111111: registering failed", text, StringComparison.Ordinal);
        Assert.Contains("━", text, StringComparison.Ordinal); // the bar
        Assert.Equal($"  · after the step{Environment.NewLine}", stderr.ToString());
    }
}
