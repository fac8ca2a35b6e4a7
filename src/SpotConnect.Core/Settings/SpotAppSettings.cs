using SpotConnect.Validation;

namespace SpotConnect.Settings;

/// <summary>
/// Everything the SpotConnect CDK app reads (the <c>spot:*</c> context keys with their environment fallbacks),
/// parsed and checked once, all problems at once: the stack's own settings and the validated link.
/// </summary>
public sealed record SpotAppSettings
{
    /// <summary>The stack name (and construct id).</summary>
    public required string StackName { get; init; }

    /// <summary>Whether the target account is bootstrapped.</summary>
    public required bool Bootstrapped { get; init; }

    /// <summary>Whether the role and policies outlive the stack.</summary>
    public required bool RetainOnDelete { get; init; }

    /// <summary>The validated link, with its policy plan.</summary>
    public required SpotLinkSpec Link { get; init; }

    /// <summary>Reads and checks every setting from CDK context, with environment-variable fallbacks (see <see cref="SettingValues.FromContext"/>).</summary>
    /// <exception cref="SpotConnectValidationException">One or more settings are invalid; every problem is listed, in the contract's order.</exception>
    public static SpotAppSettings Read(Func<string, object?> context, Func<string, string?> environment) =>
        Read(SettingValues.FromContext(context, environment));

    /// <summary>Reads and checks every setting.</summary>
    /// <exception cref="SpotConnectValidationException">One or more settings are invalid; every problem is listed, in the contract's order.</exception>
    public static SpotAppSettings Read(SettingValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var stackName = values.Get(SpotSettings.StackName) ?? SpotSettings.DefaultStackName;
        var bootstrapped = values.GetValue(SpotSettings.Bootstrapped) ?? false;
        var retain = values.GetValue(SpotSettings.RetainOnDelete) ?? false;
        var options = ReadLink(values);

        // A value that failed counts as its default here (its problem is recorded), so it adds no follow-on problems.
        var problems = new List<ValidationProblem>();
        var link = SpotLinkSpec.TryResolve(options, values.Names, problems);
        foreach (var problem in problems)
        {
            values.Add(problem);
        }

        values.ThrowIfInvalid(SpotSettings.All);
        return new SpotAppSettings { StackName = stackName, Bootstrapped = bootstrapped, RetainOnDelete = retain, Link = link! };
    }

    /// <summary>The link's options as given through <paramref name="values"/> (absent and unparsable ones <see langword="null"/>).</summary>
    public static SpotLinkOptions ReadLink(SettingValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return SettingBinder.Bind<SpotLinkOptions>(SpotSettings.Link, setting =>
            values.Raw(setting) is { } text ? setting.ParseBoxed(text, values.Names.Of(setting), values.ProblemSink) : null);
    }
}
