using System.Text.RegularExpressions;

namespace SpotConnect.Validation;

/// <summary>
/// One problem with one input: which field, the value that was given, the rule it breaks and, where the choices
/// are finite, the valid choices. A problem with a setting carries the setting's key (<see cref="SettingKey"/>):
/// Core never decides how a field is named. Each edge renders the name its caller wrote with <see cref="Named"/>
/// (the context key in the CDK app, the option in the CLI, the property in C#); until then a setting is named
/// by its key.
/// </summary>
/// <param name="Field">The name the user knows the input by, e.g. <c>spot:roleName</c> or <c>--bundles</c>.</param>
/// <param name="Value">The offending value as given; <see langword="null"/> when the value is missing.</param>
/// <param name="Rule">The rule the value breaks, as one sentence fragment.</param>
/// <param name="ValidChoices">The valid choices, when there is a finite list of them.</param>
public sealed partial record ValidationProblem(string Field, string? Value, string Rule, IReadOnlyList<string>? ValidChoices = null)
{
    /// <summary>The key of the setting the problem is about (its CDK context key, e.g. <c>spot:roleName</c>), or <see langword="null"/> for another input.</summary>
    public string? SettingKey { get; init; }

    /// <summary>The rule with references to other settings left as <see cref="Reference"/> placeholders, so each edge names them its own way.</summary>
    public string? RuleTemplate { get; init; }

    /// <summary>The field when it names more than the one setting (e.g. two settings, <c>{{a}}/{{b}}</c>), with <see cref="Reference"/> placeholders.</summary>
    public string? FieldTemplate { get; init; }

    /// <summary>Whether an edge named this problem's settings already (<see cref="Named"/>): the next edge leaves it as it is.</summary>
    public bool IsNamed { get; init; }

    /// <summary>A problem with the setting whose key is <paramref name="settingKey"/>; <paramref name="rule"/> may name other settings with <see cref="Reference"/>.</summary>
    public static ValidationProblem ForSetting(string settingKey, string? value, string rule, IReadOnlyList<string>? validChoices = null)
    {
        ArgumentNullException.ThrowIfNull(settingKey);
        ArgumentNullException.ThrowIfNull(rule);
        return new ValidationProblem(settingKey, value, Render(rule, key => key), validChoices) { SettingKey = settingKey, RuleTemplate = rule };
    }

    /// <summary>A placeholder for the setting <paramref name="settingKey"/> inside a rule, rendered by <see cref="Named"/> in the edge's words.</summary>
    public static string Reference(string settingKey) => "{{" + settingKey + "}}";

    /// <summary>This problem with every setting (the field and those the rule names) named by <paramref name="nameOf"/>, given a setting's key.</summary>
    public ValidationProblem Named(Func<string, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(nameOf);
        return this with
        {
            Field = FieldTemplate is { } field ? Render(field, nameOf) : SettingKey is { } key ? nameOf(key) : Field,
            Rule = RuleTemplate is { } template ? Render(template, nameOf) : Rule,
            IsNamed = true,
        };
    }

    /// <summary>The problem as one line a person can act on.</summary>
    public string Message
    {
        get
        {
            var value = Value is null ? "no value" : $"'{Value}'";
            var message = $"{Field}: {value} is invalid: {Rule}";
            if (ValidChoices is { Count: > 0 })
            {
                message += $" Valid choices: {string.Join(", ", ValidChoices)}.";
            }

            return message;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Message;

    private static string Render(string template, Func<string, string> nameOf) =>
        Placeholder().Replace(template, m => nameOf(m.Groups[1].Value));

    [GeneratedRegex(@"\{\{([^{}]+)\}\}")]
    private static partial Regex Placeholder();
}
