namespace SpotConnect.Policies;

/// <summary>
/// Coverage between IAM wildcard patterns (<c>*</c> and <c>?</c>): whether everything one pattern matches
/// is also matched by another. Actions compare case-insensitively, as IAM does; resources (ARNs) exactly.
/// </summary>
internal static class IamPattern
{
    /// <summary>Whether action pattern <paramref name="general"/> matches everything <paramref name="specific"/> matches.</summary>
    public static bool ActionCovers(string general, string specific) =>
        Covers(general, specific, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether resource pattern <paramref name="general"/> matches everything <paramref name="specific"/> matches.</summary>
    public static bool ResourceCovers(string general, string specific) => Covers(general, specific, StringComparison.Ordinal);

    /// <summary>Whether every resource in <paramref name="specific"/> is covered by one in <paramref name="general"/>.</summary>
    public static bool ResourcesCover(IEnumerable<string> general, IEnumerable<string> specific) =>
        specific.All(s => general.Any(g => ResourceCovers(g, s)));

    /// <summary>
    /// Glob containment for patterns whose only wildcards are <c>*</c> (any run) and <c>?</c> (one
    /// character). A wildcard in <paramref name="specific"/> is only covered by a <c>*</c> in
    /// <paramref name="general"/> (or, for <c>?</c>, by a <c>?</c>).
    /// </summary>
    public static bool Covers(string general, string specific, StringComparison comparison = StringComparison.Ordinal)
    {
        // Fast paths for the shapes policies use: "*", a literal, and "prefix*".
        if (general is "*")
        {
            return true;
        }

        var wildcard = general.AsSpan().IndexOfAny('*', '?');
        if (wildcard < 0)
        {
            return string.Equals(general, specific, comparison);
        }

        if (!specific.AsSpan().StartsWith(general.AsSpan(0, wildcard), comparison))
        {
            return false;
        }

        if (wildcard == general.Length - 1 && general[wildcard] == '*')
        {
            return true;
        }

        return comparison == StringComparison.OrdinalIgnoreCase
            ? Glob(general.ToLowerInvariant(), specific.ToLowerInvariant())
            : Glob(general, specific);
    }

    private static bool Glob(string general, string specific)
    {
        // Dynamic programming over (position in general, position in specific).
        var g = general.Length;
        var s = specific.Length;
        var row = new bool[s + 1];
        row[0] = true;
        for (var i = 1; i <= g; i++)
        {
            var next = new bool[s + 1];
            var pc = general[i - 1];
            if (pc == '*')
            {
                next[0] = row[0];
                for (var j = 1; j <= s; j++)
                {
                    next[j] = row[j] || next[j - 1];
                }
            }
            else
            {
                for (var j = 1; j <= s; j++)
                {
                    var sc = specific[j - 1];
                    var matches = pc == '?' ? sc != '*' : pc == sc;
                    next[j] = matches && row[j - 1];
                }
            }

            row = next;
        }

        return row[s];
    }
}
