using SpotConnect.Settings;

namespace SpotConnect.Cli.Link;

/// <summary>
/// The <c>-c key=value</c> context that makes the CDK app synthesize exactly what <c>link deploy</c> or <c>org deploy</c>
/// resolved: the values the command decided (from the state: external id, partition, org state file, …) and every
/// setting given on the command line, as given (the app parses the same text).
/// </summary>
internal static class CdkContextArguments
{
    /// <summary>The context for the app: <paramref name="decided"/> first, then each setting of <paramref name="given"/> the command did not decide.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(IReadOnlyDictionary<Setting, string> given, params (Setting Setting, string Value)[] decided)
    {
        ArgumentNullException.ThrowIfNull(given);
        var context = decided.Select(d => KeyValuePair.Create(d.Setting.ContextKey, d.Value)).ToList();
        context.AddRange(SpotSettings.All
            .Where(s => given.ContainsKey(s) && decided.All(d => d.Setting != s))
            .Select(s => KeyValuePair.Create(s.ContextKey, given[s])));
        return context;
    }
}
