using System.CommandLine;
using System.CommandLine.Parsing;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Options;

/// <summary>
/// Command-line options made from the settings model: the option's name, help and choices are the setting's own
/// (<see cref="SpotSettings"/>), so the CLI never re-declares a setting. The option holds the text as given; the
/// command parses it with the setting's own parser (<see cref="Given(ParseResult, IReadOnlyDictionary{Setting, Option})"/>, syntax only) and hands the values to Core,
/// which checks every rule once: a malformed value and a broken rule are reported together, every problem at once.
/// </summary>
internal static class SettingOptions
{
    /// <summary>An option for <paramref name="setting"/>; absent means the setting's default. A boolean setting is a flag (<c>--x</c> = <c>--x true</c>) that also takes <c>true</c> or <c>false</c>.</summary>
    public static Option For(Setting setting, string? alias = null)
    {
        ArgumentNullException.ThrowIfNull(setting);
        string[] aliases = alias is null ? [] : [alias];

        // A flag takes the next token only when it is a boolean (System.CommandLine's own rule for bool options).
        Option option = setting.ValueType == typeof(bool)
            ? new Option<bool?>(Name(setting), aliases) { Arity = ArgumentArity.ZeroOrOne }
            : new Option<string?>(Name(setting), aliases);
        option.Description = $"{Capitalize(setting.Description)} (default: {setting.DefaultDescription}).";
        option.HelpName = setting.Choices is { Count: > 0 } choices ? string.Join('|', choices) : HelpName(setting);
        return option;
    }

    /// <summary>The text given for an option (its last token), or <see langword="null"/> when absent.</summary>
    public static string? Text(CommandResult result, Option option) =>
        result.GetResult(option) is { Implicit: false } given
            ? given.Tokens.Count > 0 ? given.Tokens[^1].Value : option is Option<bool?> ? "true" : null // a flag given alone
            : null;

    /// <summary>Adds each problem to the command's parse errors, so they are reported with every other error at once.</summary>
    public static void Report(CommandResult result, IEnumerable<ValidationProblem> problems)
    {
        foreach (var problem in problems)
        {
            result.AddError(problem.Named(CliNames.Of).Message);
        }
    }

    /// <summary>
    /// The settings given on the command line among <paramref name="options"/>, each parsed by its setting (syntax only):
    /// the values, the text as given (for the CDK app's context), and the problems with malformed ones (each carrying its setting).
    /// </summary>
    public static (IReadOnlyDictionary<Setting, object> Values, IReadOnlyDictionary<Setting, string> Texts, IReadOnlyList<ValidationProblem> Problems) Given(
        ParseResult parse, IReadOnlyDictionary<Setting, Option> options) => Given(parse.CommandResult, options);

    /// <summary>As <see cref="Given(ParseResult, IReadOnlyDictionary{Setting, Option})"/>, in a validator.</summary>
    public static (IReadOnlyDictionary<Setting, object> Values, IReadOnlyDictionary<Setting, string> Texts, IReadOnlyList<ValidationProblem> Problems) Given(
        CommandResult result, IReadOnlyDictionary<Setting, Option> options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var values = new Dictionary<Setting, object>();
        var texts = new Dictionary<Setting, string>();
        var problems = new List<ValidationProblem>();
        foreach (var setting in SpotSettings.All.Where(options.ContainsKey))
        {
            if (Text(result, options[setting]) is { } text)
            {
                texts[setting] = text;
                if (setting.ParseBoxed(text, problems) is { } value)
                {
                    values[setting] = value;
                }
            }
        }

        return (values, texts, problems);
    }

    private static string Name(Setting setting) =>
        setting.CliOption ?? throw new InvalidOperationException($"The setting {setting.ContextKey} has no command-line option.");

    private static string HelpName(Setting setting) =>
        setting.ValueType == typeof(int) ? "N"
        : setting == SpotSettings.Bundles || setting.ValueType == typeof(IReadOnlyList<string>) ? "LIST"
        : setting.ValueType == typeof(IReadOnlyDictionary<string, string>) ? "KEY=VALUE,…"
        : setting == SpotSettings.PrincipalAccountId ? "ACCOUNT"
        : setting == SpotSettings.PermissionsBoundary ? "ARN|NAME"
        : setting == SpotSettings.RolePath ? "PATH"
        : "NAME";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
