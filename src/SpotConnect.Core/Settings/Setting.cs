using SpotConnect.Validation;

namespace SpotConnect.Settings;

/// <summary>
/// One SpotConnect setting, defined once: its name on every surface (C# property, CDK context key and environment
/// variable, CLI option), what it means, its default, its valid choices, how text becomes its value (syntax only)
/// and the rule a value must keep (checked once, by <see cref="SpotLinkSpec.Resolve"/> or <see cref="SpotOrgSpec.Resolve"/>).
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

    /// <summary>The C# property on the construct props, e.g. <c>RoleName</c>.</summary>
    public string Property { get; }

    /// <summary>The CDK context key, e.g. <c>spot:roleName</c>; also the setting's identity in a <see cref="ValidationProblem.SettingKey"/>.</summary>
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

    /// <summary>This setting inside a rule's text, named by each edge in its own words (see <see cref="ValidationProblem.Reference"/>).</summary>
    public string Reference => ValidationProblem.Reference(ContextKey);

    /// <summary>This setting with <paramref name="value"/> inside a rule's text ("set it to …"), which each edge writes its own way (<c>spot:bootstrapped=true</c>, <c>--bootstrapped true</c>, a property assignment).</summary>
    public string ReferenceTo(string value) => ValidationProblem.Reference($"{ContextKey}={value}");

    /// <summary>A problem with this setting.</summary>
    public ValidationProblem Problem(string? value, string rule, IReadOnlyList<string>? validChoices = null) =>
        ValidationProblem.ForSetting(ContextKey, value, rule, validChoices);

    /// <summary>Parses <paramref name="text"/> (syntax only), boxed; adds a problem and returns <see langword="null"/> when it is not a value of the setting's type.</summary>
    public abstract object? ParseBoxed(string text, ICollection<ValidationProblem> problems);

    /// <summary>A problem found under another name (a parser's or a rule's field) as a problem with this setting.</summary>
    private protected ValidationProblem Own(ValidationProblem problem) =>
        problem.SettingKey is not null ? problem : ValidationProblem.ForSetting(ContextKey, problem.Value, problem.Rule, problem.ValidChoices);

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
    /// <param name="property">The C# property name.</param>
    /// <param name="contextKey">The CDK context key.</param>
    /// <param name="environmentVariable">The environment fallback, if any.</param>
    /// <param name="cliOption">The CLI option, if any.</param>
    /// <param name="description">What it means.</param>
    /// <param name="defaultDescription">The default, as the docs state it.</param>
    /// <param name="parse">Text to value (syntax only), given the field name; throws <see cref="SpotConnectValidationException"/> when the text is not a value.</param>
    /// <param name="rule">The rule a value must keep, given the field name; <see langword="null"/> when every value of the type is valid.</param>
    /// <param name="choices">The valid choices, when finite.</param>
    internal Setting(
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

    /// <summary>Parses <paramref name="text"/>: syntax only (a number, a known bundle id, a partition name); the setting's rule is checked when the link or rollout is resolved.</summary>
    /// <exception cref="SpotConnectValidationException">The text is not a value of the setting's type.</exception>
    public T Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return _parse(text, ContextKey);
        }
        catch (SpotConnectValidationException e)
        {
            throw new SpotConnectValidationException(e.Problems.Select(Own).ToArray());
        }
    }

    /// <summary>As <see cref="Parse"/>; adds the problems and returns <see langword="false"/> when the text is not a value.</summary>
    public bool TryParse(string text, ICollection<ValidationProblem> problems, out T? value)
    {
        ArgumentNullException.ThrowIfNull(problems);
        try
        {
            value = Parse(text);
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
    public override object? ParseBoxed(string text, ICollection<ValidationProblem> problems) =>
        TryParse(text, problems, out var value) ? value : null;

    /// <summary>The problem with <paramref name="value"/> under this setting's rule, or <see langword="null"/>.</summary>
    internal ValidationProblem? Check(T value) => _rule?.Invoke(value, ContextKey) is { } problem ? Own(problem) : null;
}
