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

    /// <summary>The organization rollout when <c>spot:orgState</c> is given (the app then synthesizes SpotOrgStack); otherwise <see langword="null"/>.</summary>
    public SpotOrgSpec? Org { get; init; }

    /// <summary>Reads and checks every setting from CDK context, with environment-variable fallbacks (see <see cref="SettingValues.FromContext"/>).</summary>
    /// <exception cref="SpotConnectValidationException">One or more settings are invalid; every problem is listed, in the contract's order.</exception>
    public static SpotAppSettings Read(Func<string, object?> context, Func<string, string?> environment) =>
        Read(SettingValues.FromContext(context, environment));

    /// <summary>Reads and checks every setting.</summary>
    /// <exception cref="SpotConnectValidationException">One or more settings are invalid; every problem is listed, in the contract's order.</exception>
    public static SpotAppSettings Read(SettingValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var stackName = values.Get(SpotSettings.StackName) ?? DefaultStackName(values);
        var bootstrapped = values.GetValue(SpotSettings.Bootstrapped) ?? false;
        var retain = values.GetValue(SpotSettings.RetainOnDelete) ?? false;
        var options = ReadLink(values);
        var orgOptions = SettingBinder.Bind<SpotOrgOptions>(SpotSettings.Org, setting =>
            values.Raw(setting) is { } text ? setting.ParseBoxed(text, values.Names.Of(setting), values.ProblemSink) : null);
        var isOrg = values.Raw(SpotSettings.OrgStateFile) is not null;

        // A value that failed counts as its default here (its problem is recorded), so it adds no follow-on problems.
        var problems = new List<ValidationProblem>();
        var link = SpotLinkSpec.TryResolve(options, values.Names, problems);
        SpotOrgSpec? org = null;
        if (isOrg)
        {
            if (options.ExternalId is not null)
            {
                problems.Add(new(values.Names.Of(SpotSettings.ExternalId), options.ExternalId,
                    $"not used with {values.Names.Of(SpotSettings.OrgStateFile)}: each account's external id comes from the org state file."));
            }

            org = SpotOrgSpec.TryResolve(orgOptions, link, bootstrapped, values.Names, problems);
        }

        foreach (var problem in problems)
        {
            values.Add(problem);
        }

        values.ThrowIfInvalid(SpotSettings.All);
        return new SpotAppSettings { StackName = stackName, Bootstrapped = bootstrapped, RetainOnDelete = retain, Link = link!, Org = org };
    }

    /// <summary>The stack name given (valid or not), else the default: <c>SpotOrgStack</c> with <c>spot:orgState</c>, otherwise <c>SpotLinkStack</c>.</summary>
    public static string StackNameOf(SettingValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Raw(SpotSettings.StackName) ?? DefaultStackName(values);
    }

    private static string DefaultStackName(SettingValues values) =>
        values.Raw(SpotSettings.OrgStateFile) is null ? SpotSettings.DefaultStackName : SpotSettings.DefaultOrgStackName;

    /// <summary>The link's options as given through <paramref name="values"/> (absent and unparsable ones <see langword="null"/>).</summary>
    public static SpotLinkOptions ReadLink(SettingValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return SettingBinder.Bind<SpotLinkOptions>(SpotSettings.Link, setting =>
            values.Raw(setting) is { } text ? setting.ParseBoxed(text, values.Names.Of(setting), values.ProblemSink) : null);
    }
}
