using System.CommandLine;
using System.CommandLine.Parsing;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Options;

/// <summary>
/// Typed command-line options made from the settings model: the option's name, help and parser are the setting's own
/// (<see cref="SpotSettings"/>), so the CLI never re-declares a setting or parses one by hand. Parsing checks syntax
/// only; the rules are checked once, when the command resolves the link or rollout in Core.
/// </summary>
internal static class SettingOptions
{
    /// <summary>An option for a setting whose value is a reference type; absent means the setting's default.</summary>
    public static Option<T?> For<T>(Setting<T> setting, string? alias = null)
        where T : class =>
        Configure(new Option<T?>(Name(setting), Aliases(alias)), setting, (result, problems) =>
            setting.TryParse(Token(result), problems, out var value) ? value : null);

    /// <summary>An option for a setting whose value is a value type; absent means the setting's default.</summary>
    public static Option<T?> ForValue<T>(Setting<T> setting, string? alias = null)
        where T : struct =>
        Configure(new Option<T?>(Name(setting), Aliases(alias)), setting, (result, problems) =>
            setting.TryParse(Token(result), problems, out var value) ? value : null);

    /// <summary>
    /// The value of <paramref name="option"/> in a validator: the parsed value, or <see langword="null"/> when the
    /// option is absent or its value was refused (its own error already says why).
    /// </summary>
    public static T? ValueOrNull<T>(CommandResult result, Option<T?> option) =>
        ValueOrNull(result, (Option)option) is T value ? value : default;

    /// <summary>A boolean setting as an option that is a flag when given alone (<c>--x</c> = <c>--x true</c>) and also takes <c>true</c> or <c>false</c>.</summary>
    public static Option<bool?> Flag(Setting<bool> setting)
    {
        var option = Configure(new Option<bool?>(Name(setting)), setting, (result, problems) =>
            setting.TryParse(result.Tokens.Count == 0 ? "true" : Token(result), problems, out var value) ? value : null);
        option.Arity = ArgumentArity.ZeroOrOne;
        return option;
    }

    /// <summary>An option for any setting that has one (the factory for its value type).</summary>
    /// <exception cref="NotSupportedException">The setting's value type has no option factory yet.</exception>
    public static Option For(Setting setting) => setting switch
    {
        Setting<string> text => For(text),
        Setting<SpotConnect.Selection.BundleSelection> bundles => For(bundles),
        Setting<SpotConnect.Policies.SpotPartition> partition => For(partition),
        Setting<IReadOnlyList<string>> list => For(list),
        Setting<IReadOnlyDictionary<string, string>> map => For(map),
        Setting<SpotConnect.Org.OrgCallAs> callAs => ForValue(callAs),
        Setting<int> number => ForValue(number),
        Setting<bool> flag => Flag(flag),
        _ => throw new NotSupportedException($"No command-line option factory for settings of type {setting.ValueType.Name} ({setting.ContextKey})."),
    };

    /// <summary>The parsed value of an option made by <see cref="For(Setting)"/>, boxed; <see langword="null"/> when absent or refused.</summary>
    public static object? ValueOrNull(CommandResult result, Option option)
    {
        var given = result.GetResult(option);
        if (given is null || given.Errors.Any() || given.Implicit)
        {
            return null;
        }

        try
        {
            return given.GetValueOrDefault<object?>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
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

    /// <summary>The settings given on the command line among <paramref name="options"/>: each parsed value and the text as given (for the CDK app's context).</summary>
    public static (IReadOnlyDictionary<Setting, object> Values, IReadOnlyDictionary<Setting, string> Texts) Given(ParseResult parse, IReadOnlyDictionary<Setting, Option> options)
    {
        var values = new Dictionary<Setting, object>();
        var texts = new Dictionary<Setting, string>();
        foreach (var (setting, option) in options)
        {
            if (Text(parse.CommandResult, option) is { } text && ValueOrNull(parse.CommandResult, option) is { } value)
            {
                texts[setting] = text;
                values[setting] = value;
            }
        }

        return (values, texts);
    }

    private static Option<T> Configure<T>(Option<T> option, Setting setting, Func<ArgumentResult, List<ValidationProblem>, T> parse)
    {
        option.Description = $"{Capitalize(setting.Description)} (default: {setting.DefaultDescription}).";
        option.HelpName = setting.Choices is { Count: > 0 } choices ? string.Join('|', choices) : HelpName(setting);
        option.CustomParser = result =>
        {
            var problems = new List<ValidationProblem>();
            var value = parse(result, problems);
            foreach (var problem in problems)
            {
                result.AddError(problem.Named(CliNames.Of).Message);
            }

            return value;
        };
        return option;
    }

    private static string Name(Setting setting) =>
        setting.CliOption ?? throw new InvalidOperationException($"The setting {setting.ContextKey} has no command-line option.");

    private static string[] Aliases(string? alias) => alias is null ? [] : [alias];

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static string HelpName(Setting setting) =>
        setting.ValueType == typeof(int) ? "N"
        : setting == SpotSettings.Bundles || setting.ValueType == typeof(IReadOnlyList<string>) ? "LIST"
        : setting.ValueType == typeof(IReadOnlyDictionary<string, string>) ? "KEY=VALUE,…"
        : setting == SpotSettings.PrincipalAccountId ? "ACCOUNT"
        : setting == SpotSettings.PermissionsBoundary ? "ARN|NAME"
        : "NAME";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
