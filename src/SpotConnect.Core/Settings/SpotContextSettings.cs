using System.Collections;
using System.Globalization;
using System.Text.Json;
using SpotConnect.Org;
using SpotConnect.Validation;

namespace SpotConnect.Settings;

/// <summary>
/// The <c>spot:*</c> settings as the CDK CLI hands them to the app: each setting's text from CDK context, else from its
/// environment variable (an empty or blank one counts as unset, as CI systems export unset variables), parsed by its
/// definition (syntax only: the rules are checked once, by the constructs). Problems carry their setting.
/// </summary>
public sealed class SpotContextSettings
{
    private SpotContextSettings(IReadOnlyDictionary<Setting, string> texts, IReadOnlyDictionary<Setting, object> values, IReadOnlyList<ValidationProblem> problems)
    {
        Texts = texts;
        Values = values;
        Problems = problems;
    }

    /// <summary>The text given for each setting that was given.</summary>
    public IReadOnlyDictionary<Setting, string> Texts { get; }

    /// <summary>The parsed value of each setting given and well-formed.</summary>
    public IReadOnlyDictionary<Setting, object> Values { get; }

    /// <summary>The settings given that are not well-formed.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>Reads every setting of <see cref="SpotSettings.All"/>.</summary>
    /// <param name="context">A context value by key, or <see langword="null"/>; JSON arrays, objects, booleans and numbers are accepted as cdk.json holds them.</param>
    /// <param name="environment">An environment variable by name, or <see langword="null"/>.</param>
    public static SpotContextSettings Read(Func<string, object?> context, Func<string, string?> environment)
    {
        var texts = new Dictionary<Setting, string>();
        var values = new Dictionary<Setting, object>();
        var problems = new List<ValidationProblem>();
        foreach (var setting in SpotSettings.All)
        {
            var text = AsText(context(setting.ContextKey))
                       ?? (setting.EnvironmentVariable is { } variable && environment(variable) is { } set && !string.IsNullOrWhiteSpace(set) ? set : null);
            if (text is null)
            {
                continue;
            }

            texts[setting] = text;
            if (setting.ParseBoxed(text, problems) is { } value)
            {
                values[setting] = value;
            }
        }

        return new SpotContextSettings(texts, values, problems);
    }

    /// <summary>The value of <paramref name="setting"/>, or <see langword="null"/> when absent or not well-formed.</summary>
    public T? Get<T>(Setting<T> setting)
        where T : class => Values.GetValueOrDefault(setting) as T;

    /// <summary>The value of a value-typed <paramref name="setting"/>, or <see langword="null"/> when absent or not well-formed.</summary>
    public T? GetValue<T>(Setting<T> setting)
        where T : struct => Values.GetValueOrDefault(setting) as T?;

    /// <summary>The org state named by <c>spot:orgState</c>; a missing or unreadable file is a problem with <c>spot:orgState</c> (one not well-formed is recorded already).</summary>
    public OrgState? LoadOrgState(ICollection<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (Get(SpotSettings.OrgState) is not { } path)
        {
            return null;
        }

        try
        {
            return OrgState.Load(path);
        }
        catch (FileNotFoundException)
        {
            problems.Add(SpotSettings.OrgState.Problem(path, $"no such file (full path {Path.GetFullPath(path)}): give the path of the org state file."));
        }
        catch (SpotConnectValidationException e)
        {
            foreach (var problem in e.Problems)
            {
                problems.Add(SpotSettings.OrgState.Problem(path, problem.Rule));
            }
        }

        return null;
    }

    /// <summary>The problems of <paramref name="resolved"/> not already said by <paramref name="read"/>: a state that could not be loaded is reported once, with why, not again as missing.</summary>
    public static IEnumerable<ValidationProblem> Besides(IReadOnlyCollection<ValidationProblem> read, IEnumerable<ValidationProblem> resolved)
    {
        var stateFailed = read.Any(p => p.SettingKey == SpotSettings.OrgState.ContextKey);
        return resolved.Where(p => !(stateFailed && p.SettingKey == SpotSettings.OrgState.ContextKey && p.Value is null)).ToArray();
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
