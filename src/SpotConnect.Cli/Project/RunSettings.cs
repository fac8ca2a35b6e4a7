using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Project;

/// <summary>
/// The settings of one run: the project's (<c>cdk.json</c> → <c>context</c>, where a pull request reviewed them), with
/// each option given on the command line taking the place of the project's value for this run only. A setting in neither
/// keeps its default; a setting in <c>cdk.json</c> never falls back to its default because an option was left out.
/// </summary>
internal sealed record RunSettings
{
    /// <summary>The parsed value of each setting given (project or option) and well-formed.</summary>
    public IReadOnlyDictionary<Setting, object> Values { get; init; } = new Dictionary<Setting, object>();

    /// <summary>The text of each setting given, as given (for the CDK app's context and the deploy record).</summary>
    public IReadOnlyDictionary<Setting, string> Texts { get; init; } = new Dictionary<Setting, string>();

    /// <summary>The settings given that are not well-formed.</summary>
    public IReadOnlyList<ValidationProblem> Malformed { get; init; } = [];

    /// <summary>The settings whose value comes from the project's <c>cdk.json</c>.</summary>
    public IReadOnlySet<Setting> FromProject { get; init; } = new HashSet<Setting>();

    /// <summary>Options that took the place of a different value in <c>cdk.json</c> for this run: the setting, the project's text, the option's.</summary>
    public IReadOnlyList<(Setting Setting, string Project, string Option)> Overrides { get; init; } = [];

    /// <summary>Options only, for a command run outside a project.</summary>
    public static RunSettings FromOptions(IReadOnlyDictionary<Setting, object> values, IReadOnlyDictionary<Setting, string> texts, IReadOnlyList<ValidationProblem> malformed) =>
        new() { Values = values, Texts = texts, Malformed = malformed };

    /// <summary>
    /// <paramref name="project"/>'s settings among <paramref name="accepted"/>, each replaced by its option when one was
    /// given (<paramref name="values"/>, <paramref name="texts"/>, <paramref name="malformed"/>: the options as parsed).
    /// </summary>
    public static RunSettings Merge(
        SpotContextSettings? project, IReadOnlyCollection<Setting> accepted,
        IReadOnlyDictionary<Setting, object> values, IReadOnlyDictionary<Setting, string> texts, IReadOnlyList<ValidationProblem> malformed)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (project is null)
        {
            return FromOptions(values, texts, malformed);
        }

        var mergedValues = new Dictionary<Setting, object>(values);
        var mergedTexts = new Dictionary<Setting, string>(texts);
        var problems = malformed.ToList();
        var fromProject = new HashSet<Setting>();
        var overrides = new List<(Setting, string, string)>();
        foreach (var setting in SpotSettings.All.Where(s => accepted.Contains(s) && project.Texts.ContainsKey(s)))
        {
            var projectText = project.Texts[setting];
            if (texts.TryGetValue(setting, out var optionText))
            {
                if (!string.Equals(optionText, projectText, StringComparison.Ordinal))
                {
                    overrides.Add((setting, projectText, optionText));
                }

                continue;
            }

            fromProject.Add(setting);
            mergedTexts[setting] = projectText;
            if (project.Values.GetValueOrDefault(setting) is { } value)
            {
                mergedValues[setting] = value;
            }
        }

        // A malformed cdk.json value that an option replaces is not this run's problem.
        problems.AddRange(project.Problems.Where(p => SpotSettings.Find(p.SettingKey ?? string.Empty) is { } s && fromProject.Contains(s)));
        return new RunSettings { Values = mergedValues, Texts = mergedTexts, Malformed = problems, FromProject = fromProject, Overrides = overrides };
    }

    /// <summary>Whether this run keeps the role and policies when the stack is deleted (<c>spot:retainOnDelete</c>).</summary>
    public bool Retained => Values.GetValueOrDefault(SpotSettings.RetainOnDelete) is true;

    /// <summary>How a message names a setting of this run: its option, or its key in <c>cdk.json</c> when the value came from there.</summary>
    public Func<Setting, string> Names(Func<Setting, string> optionName) =>
        setting => FromProject.Contains(setting) ? $"{setting.ContextKey} (cdk.json)" : optionName(setting);

    /// <summary>One line per option that took the place of the project's value, for the run's report.</summary>
    public IEnumerable<string> OverrideNotes() =>
        Overrides.Select(o => $"{o.Setting.CliOption} {o.Option} takes the place of {o.Setting.ContextKey} = {o.Project} in cdk.json, for this run only");
}
