using System.CommandLine;
using System.CommandLine.Help;
using SpotConnect.Cli.Commands;
using SpotConnect.Validation;

namespace SpotConnect.Cli;

/// <summary>
/// The <c>spot-connect</c> command line: parsing (System.CommandLine) apart from the work, so every command
/// runs in-process with any writers, as the tests run it. Pure C#: no Node, no CDK.
/// </summary>
public static class CliApp
{
    /// <summary>Runs a command line and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where messages go.</param>
    /// <param name="workingDirectory">The directory relative paths are resolved against; default: the current one.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var context = new CliContext(stdout, stderr, workingDirectory ?? Directory.GetCurrentDirectory());
        var root = new RootCommand("spot-connect: connect AWS accounts to Spot (Elastigroup, Ocean) with SpotConnect. " +
                                   "Lists permission bundles and shows the IAM policies SpotLinkStack creates, without AWS, Node or the CDK.")
        {
            BundlesCommand.Create(context),
            PolicyCommand.Create(context),
        };

        var parse = root.Parse(args.ToArray());
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"spot-connect: {error.Message}");
            }

            stderr.WriteLine($"Run 'spot-connect {string.Join(' ', CommandPath(parse.CommandResult.Command))}--help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (SpotConnectValidationException e)
        {
            stderr.WriteLine($"spot-connect: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            stderr.WriteLine($"spot-connect: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static IEnumerable<string> CommandPath(Command command) =>
        command is RootCommand ? [] : [command.Name + " "];
}
