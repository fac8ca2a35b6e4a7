using System.Collections;
using System.Globalization;
using System.Text.Json;
using SpotConnect.Validation;

namespace SpotConnect.Settings;

/// <summary>
/// Settings given as text (CDK context with environment fallbacks): each read by its definition, parsed by
/// its parser, every problem collected under the surface's name for the setting.
/// </summary>
public sealed class SettingValues
{
    private readonly Func<Setting, string?> _raw;
    private readonly FieldNames _names;
    private readonly List<ValidationProblem> _problems = [];

    /// <summary>Reads settings through <paramref name="raw"/> (the text given for a setting, or <see langword="null"/>).</summary>
    public SettingValues(Func<Setting, string?> raw, FieldNames names)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(names);
        _raw = raw;
        _names = names;
    }

    /// <summary>
    /// Reads CDK context: the context key's value, else the environment variable (an empty or blank variable
    /// counts as unset, as CI systems export unset variables as empty strings), else nothing.
    /// </summary>
    /// <param name="context">A context value by key, or <see langword="null"/>; JSON arrays, booleans and numbers are accepted as cdk.json holds them.</param>
    /// <param name="environment">An environment variable by name, or <see langword="null"/>.</param>
    public static SettingValues FromContext(Func<string, object?> context, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(environment);
        return new SettingValues(
            setting => AsText(context(setting.ContextKey))
                       ?? (setting.EnvironmentVariable is { } variable && environment(variable) is { } set && !string.IsNullOrWhiteSpace(set) ? set : null),
            FieldNames.Context);
    }

    /// <summary>How messages name the settings.</summary>
    public FieldNames Names => _names;

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<ValidationProblem> Problems => _problems;

    /// <summary>Where parsers add their problems.</summary>
    internal ICollection<ValidationProblem> ProblemSink => _problems;

    /// <summary>The text given for <paramref name="setting"/>, or <see langword="null"/>.</summary>
    public string? Raw(Setting setting) => _raw(setting);

    /// <summary>The value given for <paramref name="setting"/>; <see langword="null"/> when absent or invalid (then a problem is recorded).</summary>
    public T? Get<T>(Setting<T> setting)
        where T : class =>
        Raw(setting) is { } text && setting.TryParse(text, _names.Of(setting), _problems, out var value) ? value : null;

    /// <summary>The value given for a value-typed <paramref name="setting"/>; <see langword="null"/> when absent or invalid.</summary>
    public T? GetValue<T>(Setting<T> setting)
        where T : struct =>
        Raw(setting) is { } text && setting.TryParse(text, _names.Of(setting), _problems, out var value) ? value : null;

    /// <summary>Records a problem found by a rule that spans settings.</summary>
    public void Add(ValidationProblem problem) => _problems.Add(problem);

    /// <summary>Throws with every problem, in the order of <paramref name="order"/> (then as found).</summary>
    /// <exception cref="SpotConnectValidationException">Any problem was found.</exception>
    public void ThrowIfInvalid(IReadOnlyList<Setting> order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (_problems.Count == 0)
        {
            return;
        }

        var rank = order.Select((setting, index) => (Name: _names.Of(setting), index))
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().index, StringComparer.Ordinal);
        throw new SpotConnectValidationException(_problems.Distinct()
            .OrderBy(p => rank.GetValueOrDefault(p.Field, int.MaxValue))
            .ToArray());
    }

    /// <summary>A context value as text: strings as they are, lists joined with commas, JSON booleans and numbers as JSON writes them.</summary>
    public static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Array } e => string.Join(",", e.EnumerateArray().Select(x => AsText(x))),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement e => e.GetRawText(),
        IDictionary map => JsonSerializer.Serialize(map), // {"Team": "platform"} in cdk.json
        IEnumerable list => string.Join(",", list.Cast<object?>().Select(AsText)), // ["ocean", "ocean.eks"] in cdk.json
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };
}
