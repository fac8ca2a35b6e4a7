namespace SpotConnect.Validation;

/// <summary>
/// One problem with one input: which field (a context key, a CLI option or a property name), the value
/// that was given, the rule it breaks and, where the choices are finite, the valid choices.
/// </summary>
/// <param name="Field">The name the user knows the input by, e.g. <c>spot:roleName</c> or <c>--bundles</c>.</param>
/// <param name="Value">The offending value as given; <see langword="null"/> when the value is missing.</param>
/// <param name="Rule">The rule the value breaks, as one sentence fragment.</param>
/// <param name="ValidChoices">The valid choices, when there is a finite list of them.</param>
public sealed record ValidationProblem(string Field, string? Value, string Rule, IReadOnlyList<string>? ValidChoices = null)
{
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
}
