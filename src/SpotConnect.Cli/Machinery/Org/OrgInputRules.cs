using SpotConnect.Validation;

namespace SpotConnect.Org;

/// <summary>The rules of the <c>org</c> commands' inputs: target OUs, account id lists, <c>CallAs</c>, concurrency.</summary>
internal static class OrgInputRules
{
    /// <summary>The highest concurrency accepted.</summary>
    public const int MaxConcurrency = 64;

    /// <summary>Comma-separated target OU or root ids (<c>ou-xxxx-xxxxxxxx</c>, <c>r-xxxx</c>), at least one.</summary>
    public static IReadOnlyList<string> TargetOus(string field, string? text, ICollection<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var ids = Split(text);
        if (ids.Count == 0)
        {
            problems.Add(new(field, text, "at least one organizational unit or root id is required, e.g. ou-ab12-cd34ef56 or r-ab12."));
            return [];
        }

        var bad = ids.Where(id => !OrgState.IsTarget(id)).ToList();
        foreach (var id in bad)
        {
            problems.Add(new(field, id, OrgState.TargetRule));
        }

        return bad.Count > 0 ? [] : ids;
    }

    /// <summary>Comma-separated AWS account ids (12 digits each); empty is allowed.</summary>
    public static IReadOnlyList<string> AccountIds(string field, string? text, ICollection<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var ids = Split(text);
        var bad = ids.Where(id => InputRules.AccountId(field, id) is not null).ToList();
        foreach (var id in bad)
        {
            problems.Add(InputRules.AccountId(field, id)!);
        }

        return bad.Count > 0 ? [] : ids;
    }

    /// <summary>Comma-separated <c>AWS=act-…</c> pairs (<c>--spot-account</c> of <c>org prepare</c>): the Spot account to take for an AWS account; empty is allowed.</summary>
    public static IReadOnlyDictionary<string, string> GivenSpotAccounts(string field, IEnumerable<string>? texts, ICollection<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (texts ?? []).SelectMany(Split))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || InputRules.AccountId(field, parts[0]) is not null || !Spot.SpotAccountFinder.IsId(parts[1]))
            {
                problems.Add(new(field, pair, $"give AWS=act-… pairs: a 12-digit AWS account id, '=', and its Spot account ({Spot.SpotAccountFinder.IdRule[..^1]}), e.g. 111111111111=act-1a2b3c4d."));
            }
            else if (given.TryGetValue(parts[0], out var other) && other != parts[1])
            {
                problems.Add(new(field, pair, $"{parts[0]} is given twice ({other} and {parts[1]}): give one Spot account per AWS account."));
            }
            else
            {
                given[parts[0]] = parts[1];
            }
        }

        return given;
    }

    /// <summary>Parses <c>SELF</c> or <c>DELEGATED_ADMIN</c> (any case).</summary>
    public static OrgCallAs? CallAs(string field, string? text, ICollection<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var callAs = OrgCallAsText.Parse(text);
        if (callAs is null)
        {
            problems.Add(new(field, text, "not a StackSets caller.", OrgCallAsText.Choices));
        }

        return callAs;
    }

    /// <summary>How many accounts are worked on at once: 1 to <see cref="MaxConcurrency"/>.</summary>
    public static ValidationProblem? Concurrency(string field, int value) =>
        value is >= 1 and <= MaxConcurrency ? null : new(field, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"must be 1 to {MaxConcurrency}.");

    private static List<string> Split(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
}
