using SpotConnect.Validation;

namespace SpotConnect.Settings;

/// <summary>
/// One SpotConnect setting, defined once: its name on every surface (props, CDK context and environment, CLI),
/// what it means, its default, its valid choices, how text becomes its value and the rule the value must keep.
/// The app, the constructs, the CLI and the docs' tables all read these definitions (see <see cref="SpotSettings"/>).
/// </summary>
public abstract class Setting
{
    private protected Setting(string property, string contextKey, string? environmentVariable, string? cliOption, string description, string defaultDescription, IReadOnlyList<string>? choices)
    {
        Property = property;
        ContextKey = contextKey;
        EnvironmentVariable = environmentVariable;
        CliOption = cliOption;
        Description = description;
        DefaultDescription = defaultDescription;
        Choices = choices;
    }

    /// <summary>The props name, e.g. <c>RoleName</c>.</summary>
    public string Property { get; }

    /// <summary>The CDK context key, e.g. <c>spot:roleName</c>.</summary>
    public string ContextKey { get; }

    /// <summary>The environment variable read when the context key is absent (an empty one counts as unset), if any.</summary>
    public string? EnvironmentVariable { get; }

    /// <summary>The CLI option, e.g. <c>--role-name</c>, if the CLI takes the setting.</summary>
    public string? CliOption { get; }

    /// <summary>What the setting means, as one sentence.</summary>
    public string Description { get; }

    /// <summary>The default, as the docs state it.</summary>
    public string DefaultDescription { get; }

    /// <summary>The valid choices, when they are a finite list.</summary>
    public IReadOnlyList<string>? Choices { get; }

    /// <summary>The type of the parsed value.</summary>
    public abstract Type ValueType { get; }

    /// <summary>The name on <paramref name="surface"/> (the context key where the CLI has no option of its own).</summary>
    public string NameOn(SettingSurface surface) => surface switch
    {
        SettingSurface.Props => Property,
        SettingSurface.Cli => CliOption ?? ContextKey,
        _ => ContextKey,
    };

    /// <summary>Parses <paramref name="text"/> to the setting's value, boxed; adds a problem and returns <see langword="null"/> when it is not one.</summary>
    public abstract object? ParseBoxed(string text, string field, ICollection<ValidationProblem> problems);

    /// <inheritdoc />
    public override string ToString() => ContextKey;
}

/// <summary>A setting whose value is a <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class Setting<T> : Setting
    where T : notnull
{
    private readonly Func<string, string, T> _parse;
    private readonly Func<T, string, ValidationProblem?>? _rule;

    /// <summary>Defines a setting.</summary>
    /// <param name="property">The props name.</param>
    /// <param name="contextKey">The CDK context key.</param>
    /// <param name="environmentVariable">The environment fallback, if any.</param>
    /// <param name="cliOption">The CLI option, if any.</param>
    /// <param name="description">What it means.</param>
    /// <param name="defaultDescription">The default, as the docs state it.</param>
    /// <param name="parse">Text to value, given the field name; throws <see cref="SpotConnectValidationException"/> when the text is not a value.</param>
    /// <param name="rule">The rule a value must keep, given the field name; <see langword="null"/> when every value of the type is valid.</param>
    /// <param name="choices">The valid choices, when finite.</param>
    public Setting(
        string property,
        string contextKey,
        string? environmentVariable,
        string? cliOption,
        string description,
        string defaultDescription,
        Func<string, string, T> parse,
        Func<T, string, ValidationProblem?>? rule = null,
        IReadOnlyList<string>? choices = null)
        : base(property, contextKey, environmentVariable, cliOption, description, defaultDescription, choices)
    {
        ArgumentNullException.ThrowIfNull(parse);
        _parse = parse;
        _rule = rule;
    }

    /// <inheritdoc />
    public override Type ValueType => typeof(T);

    /// <summary>Parses <paramref name="text"/> and checks the rule; throws with the problems when it is not a valid value.</summary>
    /// <exception cref="SpotConnectValidationException">The text is not a valid value.</exception>
    public T Parse(string text, string field)
    {
        var value = _parse(text, field);
        return Check(value, field) is { } problem ? throw new SpotConnectValidationException(problem) : value;
    }

    /// <summary>Parses <paramref name="text"/> and checks the rule; adds the problems and returns <see langword="false"/> when it is not a valid value.</summary>
    public bool TryParse(string text, string field, ICollection<ValidationProblem> problems, out T? value)
    {
        ArgumentNullException.ThrowIfNull(problems);
        try
        {
            value = Parse(text, field);
            return true;
        }
        catch (SpotConnectValidationException e)
        {
            foreach (var problem in e.Problems)
            {
                problems.Add(problem);
            }

            value = default;
            return false;
        }
    }

    /// <inheritdoc />
    public override object? ParseBoxed(string text, string field, ICollection<ValidationProblem> problems) =>
        TryParse(text, field, problems, out var value) ? value : null;

    /// <summary>The problem with <paramref name="value"/> under this setting's rule, or <see langword="null"/>.</summary>
    public ValidationProblem? Check(T value, string field) => _rule?.Invoke(value, field);
}
