using SpotConnect.Settings;

namespace SpotConnect.Cli.Options;

/// <summary>How the CLI names settings in messages: by their option (<c>--role-name</c>); a setting the CLI takes from a state file by <c>--state</c>.</summary>
internal static class CliNames
{
    /// <summary>The CLI's name of the setting whose key is <paramref name="settingKey"/>.</summary>
    public static string Of(string settingKey) =>
        SpotSettings.Find(settingKey) is { } setting ? Of(setting)
        : SpotSettings.Valued(settingKey) is ({ } valued, var value) ? $"{Of(valued)} {value}"
        : settingKey;

    /// <summary>The CLI's name of <paramref name="setting"/>.</summary>
    public static string Of(Setting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting == SpotSettings.OrgState ? "--state" : setting.CliOption ?? setting.ContextKey;
    }

    /// <summary>
    /// Names for a plan's settings: one the command takes from its state file by what it is and where it comes from
    /// (<c>external id (state file, from `link prepare`)</c>: no option sets it), the others by their option.
    /// </summary>
    public static Func<Setting, string> InPlan(IEnumerable<Setting> fromState, string prepareCommand)
    {
        var set = fromState.ToHashSet();
        return setting => set.Contains(setting) ? $"{Words(setting.Property)} (state file, from `{prepareCommand}`)" : Of(setting);
    }

    /// <summary>Names for a command that takes <paramref name="fromState"/> from its state file (<c>--state</c>), the others by their option.</summary>
    public static Func<Setting, string> WithState(IEnumerable<Setting> fromState)
    {
        var set = fromState.ToHashSet();
        return setting => set.Contains(setting) ? "--state" : Of(setting);
    }

    /// <summary>A property name in words: <c>ExternalId</c> → <c>external id</c>.</summary>
    private static string Words(string property) =>
        string.Concat(property.Select((c, i) => char.IsUpper(c) && i > 0 ? $" {char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));
}
