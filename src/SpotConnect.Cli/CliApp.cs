using System.CommandLine;
using System.CommandLine.Help;
using SpotConnect.Cli.Commands;
using SpotConnect.Cli.Options;
using SpotConnect.Spot;
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
    /// <param name="cancellation">Cancels the running command.</param>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, string? workingDirectory = null, CancellationToken cancellation = default) =>
        RunAsync(args, stdout, stderr, workingDirectory, CliServices.Default, cancellation);

    /// <summary>Synchronous <see cref="RunAsync(IReadOnlyList{string}, TextWriter, TextWriter, string?, CancellationToken)"/>, for callers that have no async context.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, string? workingDirectory = null) =>
        RunAsync(args, stdout, stderr, workingDirectory).GetAwaiter().GetResult();

    /// <summary>Runs a command line with the given outside-world services (tests pass stand-ins).</summary>
    internal static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, string? workingDirectory, CliServices services) =>
        RunAsync(args, stdout, stderr, workingDirectory, services, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Runs a command line with the given outside-world services (tests pass stand-ins).</summary>
    internal static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, string? workingDirectory, CliServices services, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = Root(new CliContext(stdout, stderr, workingDirectory ?? Directory.GetCurrentDirectory()), services);
        var parse = root.Parse(args.ToArray());
        var secrets = SecretArguments(args, services.Environment);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            // Every problem at once, in the same form as the problems found while a command runs.
            var messages = parse.Errors.Select(e => Redact(e.Message, secrets)).Distinct(StringComparer.Ordinal).ToArray();
            stderr.WriteLine(messages.Length == 1
                ? $"spot-connect: {messages[0]}"
                : $"spot-connect: {messages.Length} invalid inputs:{Environment.NewLine}" + string.Join(Environment.NewLine, messages.Select(m => "  - " + m)));

            stderr.WriteLine($"Run 'spot-connect {string.Concat(CommandPath(parse))}--help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellation);
        }
        catch (SpotConnectValidationException e)
        {
            // Core's problems carry their setting and are named here, by option, unless the command named them already
            // (one that takes some settings from its state file or from cdk.json).
            var named = new SpotConnectValidationException(e.Problems
                .Select(p => p.SettingKey is not null && !p.IsNamed ? p.Named(CliNames.Of) : p)
                .ToArray());
            stderr.WriteLine($"spot-connect: {Redact(named.Message, secrets)}");
            return ExitCodes.InvalidInput;
        }
        catch (SpotApiException e)
        {
            stderr.WriteLine($"spot-connect: Spot refused: {e.Message}");
            if (e.Advice is { } advice)
            {
                stderr.WriteLine(advice);
            }

            return ExitCodes.Refused;
        }
        catch (Amazon.Runtime.AmazonServiceException e)
        {
            stderr.WriteLine($"spot-connect: AWS refused: {e.ErrorCode ?? e.StatusCode.ToString()}: {e.Message}");
            stderr.WriteLine("Check the AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or `aws sso login`) and that they are for the account to connect.");
            return ExitCodes.Refused;
        }
        catch (Amazon.Runtime.AmazonClientException e)
        {
            stderr.WriteLine($"spot-connect: AWS: {e.Message}");
            stderr.WriteLine("No usable AWS credentials were found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws sso login`.");
            return ExitCodes.Refused;
        }
        catch (HttpRequestException e)
        {
            stderr.WriteLine($"spot-connect: could not reach the service: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            stderr.WriteLine("spot-connect: the service did not answer in time (after retries). Run the same command again; it continues from the state file.");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            stderr.WriteLine($"spot-connect: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Anything else is a failure of ours or of the environment: one line, no stack trace, exit 1.
            stderr.WriteLine($"spot-connect: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>The command tree: every command and its options, writing to <paramref name="context"/>.</summary>
    internal static RootCommand Root(CliContext context, CliServices services) =>
        new("spot-connect: connect AWS accounts to Spot (Elastigroup, Ocean) with SpotConnect. " +
            "Lists permission bundles and shows the IAM policies SpotLinkStack creates (without AWS, Node or the CDK), and links accounts through Spot's API.")
        {
            BundlesCommand.Create(context),
            PolicyCommand.Create(context),
            LinkCommand.Create(context, services),
            OrgCommand.Create(context, services),
            Init.InitCommand.Create(context),
        };

    private static readonly string[] SecretWords = ["token", "secret", "password", "apikey", "api-key"];

    /// <summary>
    /// Arguments that look like a secret given where none belongs (the token is read only from the environment or a
    /// file): the value after an option named like a token, secret, password or key (<c>--token X</c>,
    /// <c>--token=X</c>), and any argument equal to the Spot token in the environment. The parser would echo them
    /// back as unrecognized arguments.
    /// </summary>
    internal static IReadOnlyList<string> SecretArguments(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        static bool Secretive(string name) =>
            name.StartsWith('-') && SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase))
            && !name.Equals("--token-file", StringComparison.OrdinalIgnoreCase);

        var token = environment(SpotConnect.Spot.SpotToken.EnvironmentVariable);
        var secrets = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && Secretive(arg[..equals]))
            {
                secrets.Add(arg[(equals + 1)..]);
                secrets.Add(arg);
            }
            else if (Secretive(arg) && i + 1 < args.Count)
            {
                secrets.Add(args[i + 1]);
            }

            if (!string.IsNullOrEmpty(token) && arg.Contains(token, StringComparison.Ordinal))
            {
                secrets.Add(arg);
            }
        }

        return secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length).ToArray();
    }

    private static string Redact(string message, IReadOnlyList<string> secrets) =>
        secrets.Aggregate(message, (m, secret) => m.Replace(secret, "***", StringComparison.Ordinal));

    /// <summary>The words of <paramref name="parse"/>'s command after the program name (<c>org prepare </c>), each followed by a space.</summary>
    private static List<string> CommandPath(ParseResult parse)
    {
        var words = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Command is not RootCommand; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            words.Insert(0, result.Command.Name + " ");
        }

        return words;
    }
}
