using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SpotConnect.Tests.Support;

/// <summary>One (action, resource) pair an Allow statement grants. Actions lower-cased: IAM compares them case-insensitively.</summary>
internal sealed record Grant(string Action, string Resource)
{
    public override string ToString() => $"{Action} on {Resource}";
}

/// <summary>
/// Semantic comparison of policies, written independently of the production code: two sets of grants are
/// equivalent when each grant of one is matched (wildcards included) by a grant of the other.
/// </summary>
internal static class Grants
{
    public static IReadOnlyList<Grant> Of(IEnumerable<JsonNode> statements, string partition = "aws") =>
        statements.SelectMany(s => Values(s["Action"]).SelectMany(a =>
            Values(s["Resource"], partition).Select(r => new Grant(a.ToLowerInvariant(), r)))).ToArray();

    public static IReadOnlyList<string> Values(JsonNode? node, string partition = "aws") => node switch
    {
        JsonArray array => array.Select(v => Intrinsics.Resolve(v, partition)).ToArray(),
        null => [],
        _ => [Intrinsics.Resolve(node, partition)],
    };

    /// <summary>Whether grant <paramref name="general"/> allows everything <paramref name="specific"/> allows.</summary>
    public static bool Covers(Grant general, Grant specific) =>
        Glob(general.Action).IsMatch(specific.Action) && Glob(general.Resource).IsMatch(specific.Resource);

    public static IReadOnlyList<Grant> NotCoveredBy(IReadOnlyList<Grant> grants, IReadOnlyList<Grant> by) =>
        grants.Where(g => !by.Any(b => Covers(b, g))).Distinct().ToArray();

    public static void AssertEquivalent(IReadOnlyList<Grant> expected, IReadOnlyList<Grant> actual)
    {
        var missing = NotCoveredBy(expected, actual);
        var extra = NotCoveredBy(actual, expected);
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Missing: [{string.Join("; ", missing)}]{Environment.NewLine}Extra: [{string.Join("; ", extra)}]");
    }

    // One regex per pattern: comparisons match every grant against every other, thousands of times per pattern.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Globs = new(StringComparer.Ordinal);

    private static Regex Glob(string pattern) =>
        Globs.GetOrAdd(pattern, p => new("^" + Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$"));
}
